// Loudness normalisation: a static gain brings the integrated loudness to the target; when that would push the
// true peak past its ceiling, a look-ahead limiter holds the peaks down and the gain is refined until the
// loudness lands on the target (a final trim guarantees the ceiling).
import type { LoudnessSettings } from '../../shared/export';
import { limit } from './limiter';
import { integratedLoudness, measureLoudness, type LoudnessMeasurement } from './loudness';

/** What normalisation did: the static gain applied and the figures before and after. */
export interface NormaliseResult {
  gainDb: number;
  before: LoudnessMeasurement;
  after: LoudnessMeasurement;
  /** True when the limiter had to hold peaks down to meet the target under the ceiling. */
  peakLimited: boolean;
}

// The limiter works on samples; inter-sample peaks can exceed its ceiling slightly, so it aims a little lower.
const LIMITER_MARGIN_DB = 0.5;
const PASSES = 3;
const TOLERANCE_LU = 0.02;

function scaled(channels: Float32Array[], db: number): Float32Array[] {
  const g = 10 ** (db / 20);
  return channels.map((ch) => {
    const out = new Float32Array(ch.length);
    for (let i = 0; i < ch.length; i++) out[i] = ch[i] * g;
    return out;
  });
}

/** Scales (and if needed limits) the channels in place to the loudness target under the true-peak ceiling. */
export function normaliseLoudness(
  channels: Float32Array[],
  sampleRate: number,
  s: LoudnessSettings,
): NormaliseResult {
  const before = measureLoudness(channels, sampleRate);
  if (!Number.isFinite(before.integratedLufs))
    return { gainDb: 0, before, after: before, peakLimited: false };
  const target = s.targetLufs ?? before.integratedLufs;
  let gainDb = target - before.integratedLufs;
  const shift = (db: number): LoudnessMeasurement => ({
    integratedLufs: before.integratedLufs + db,
    truePeakDb: before.truePeakDb + db,
    samplePeakDb: before.samplePeakDb + db,
  });
  if (before.truePeakDb + gainDb <= s.truePeakLimitDb) {
    replace(channels, scaled(channels, gainDb));
    return { gainDb, before, after: shift(gainDb), peakLimited: false };
  }
  const ceiling = 10 ** ((s.truePeakLimitDb - LIMITER_MARGIN_DB) / 20);
  let work: Float32Array[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    work = scaled(channels, gainDb);
    limit(work, sampleRate, ceiling);
    const reached = integratedLoudness(work, sampleRate);
    if (Math.abs(target - reached) < TOLERANCE_LU) break;
    gainDb += target - reached;
  }
  let after = measureLoudness(work, sampleRate);
  if (after.truePeakDb > s.truePeakLimitDb) {
    const trim = s.truePeakLimitDb - after.truePeakDb;
    work = scaled(work, trim);
    after = {
      integratedLufs: after.integratedLufs + trim,
      truePeakDb: s.truePeakLimitDb,
      samplePeakDb: after.samplePeakDb + trim,
    };
  }
  replace(channels, work);
  return { gainDb, before, after, peakLimited: true };
}

function replace(channels: Float32Array[], next: Float32Array[]): void {
  channels.forEach((ch, c) => ch.set(next[c]));
}
