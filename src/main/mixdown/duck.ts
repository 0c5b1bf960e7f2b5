// Sidechain ducking: the music drops while the video's own audio (speech, effects) is above a threshold, and comes
// back smoothly after. Deterministic one-pole envelopes, so an export renders the same every time.
import type { DuckingSettings } from '../../shared/export';

const DETECTOR_MS = 10;
const onePole = (ms: number, sampleRate: number): number => Math.exp(-1 / ((ms / 1000) * sampleRate));

/** Per-sample linear gain for the music, from the sidechain channels (the original audio). */
export function duckingGain(sidechain: Float32Array[], sampleRate: number, s: DuckingSettings): Float32Array {
  const n = sidechain[0]?.length ?? 0;
  const gain = new Float32Array(n);
  const det = onePole(DETECTOR_MS, sampleRate);
  const attack = onePole(s.attackMs, sampleRate);
  const release = onePole(s.releaseMs, sampleRate);
  const threshold = 10 ** (s.thresholdDb / 10);
  const floor = 10 ** (-Math.abs(s.amountDb) / 20);
  let power = 0;
  let g = 1;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (const ch of sidechain) sq = Math.max(sq, ch[i] * ch[i]);
    power = det * power + (1 - det) * sq;
    const target = power > threshold ? floor : 1;
    const coef = target < g ? attack : release;
    g = coef * g + (1 - coef) * target;
    gain[i] = g;
  }
  return gain;
}
