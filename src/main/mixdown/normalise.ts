// Loudness normalisation: one static gain that brings the integrated loudness to the target, lowered when the
// true peak would otherwise exceed its ceiling (the peak ceiling wins: no limiter colours the music).
import type { LoudnessSettings } from '../../shared/export';
import { measureLoudness, type LoudnessMeasurement } from './loudness';

/** What normalisation did: the gain applied and the figures before and after. */
export interface NormaliseResult {
  gainDb: number;
  before: LoudnessMeasurement;
  after: LoudnessMeasurement;
  /** True when the true-peak ceiling held the loudness below the target. */
  peakLimited: boolean;
}

/** The gain in dB that meets the target without the true peak passing the ceiling; 0 for silence. */
export function normalisationGainDb(m: LoudnessMeasurement, s: LoudnessSettings): { gainDb: number; peakLimited: boolean } {
  if (!Number.isFinite(m.integratedLufs)) return { gainDb: 0, peakLimited: false };
  const toTarget = s.targetLufs === null ? 0 : s.targetLufs - m.integratedLufs;
  const headroom = s.truePeakLimitDb - m.truePeakDb;
  return toTarget > headroom ? { gainDb: headroom, peakLimited: true } : { gainDb: toTarget, peakLimited: false };
}

/** Scales the channels in place to the loudness target; loudness and peaks scale exactly with a static gain. */
export function normaliseLoudness(channels: Float32Array[], sampleRate: number, s: LoudnessSettings): NormaliseResult {
  const before = measureLoudness(channels, sampleRate);
  const { gainDb, peakLimited } = normalisationGainDb(before, s);
  const g = 10 ** (gainDb / 20);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= g;
  const shift = (v: number): number => v + gainDb;
  const after = { integratedLufs: shift(before.integratedLufs), truePeakDb: shift(before.truePeakDb), samplePeakDb: shift(before.samplePeakDb) };
  return { gainDb, before, after, peakLimited };
}
