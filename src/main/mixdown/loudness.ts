// Integrated loudness per ITU-R BS.1770-4 / EBU R128: K-weighted mean square over 400 ms blocks every 100 ms,
// an absolute gate at −70 LUFS, then a relative gate 10 LU below the loudness of the blocks that passed.
import { AppError } from '../../shared/errors';
import { kWeight } from './k-weighting';
import { toDb, truePeakLinear } from './true-peak';

/** The loudness figures of a signal. */
export interface LoudnessMeasurement {
  /** Integrated loudness in LUFS; −Infinity when no block passes the gates (silence or under 400 ms). */
  integratedLufs: number;
  /** True peak in dBTP (4× oversampled), the highest over all channels. */
  truePeakDb: number;
  /** Highest absolute sample value in dBFS. */
  samplePeakDb: number;
}

const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = -10;
const blockLoudness = (power: number): number => (power > 0 ? -0.691 + 10 * Math.log10(power) : -Infinity);

/** Per-100 ms sums of K-weighted squares, summed over channels (all weights 1: mono, stereo, L/R/C). */
function stepEnergies(channels: Float32Array[], sampleRate: number, step: number): Float64Array {
  const steps = Math.floor(channels[0].length / step);
  const e = new Float64Array(steps);
  for (const ch of channels) {
    const y = kWeight(ch, sampleRate);
    for (let s = 0; s < steps; s++) {
      let acc = 0;
      for (let i = s * step; i < (s + 1) * step; i++) acc += y[i] * y[i];
      e[s] += acc;
    }
  }
  return e;
}

/** Gated integrated loudness of equal-length channels at a sample rate that is a multiple of 10 Hz. */
export function integratedLoudness(channels: Float32Array[], sampleRate: number): number {
  const step = sampleRate / 10;
  if (!Number.isInteger(step))
    throw new AppError('invalid-input', `Loudness: ${sampleRate} Hz is not a multiple of 10 Hz`);
  const e = stepEnergies(channels, sampleRate, step);
  const blocks: number[] = [];
  for (let j = 0; j + 4 <= e.length; j++) blocks.push((e[j] + e[j + 1] + e[j + 2] + e[j + 3]) / (4 * step));
  const gated = (threshold: number): number[] => blocks.filter((z) => blockLoudness(z) > threshold);
  const mean = (zs: number[]): number => zs.reduce((a, b) => a + b, 0) / zs.length;
  const loud = gated(ABSOLUTE_GATE);
  if (loud.length === 0) return -Infinity;
  const relative = blockLoudness(mean(loud)) + RELATIVE_GATE;
  const kept = loud.filter((z) => blockLoudness(z) > relative);
  return blockLoudness(mean(kept));
}

/** Integrated loudness, true peak and sample peak of equal-length channels. */
export function measureLoudness(channels: Float32Array[], sampleRate: number): LoudnessMeasurement {
  if (channels.length === 0) throw new AppError('invalid-input', 'Loudness: no channels to measure');
  let tp = 0;
  let sp = 0;
  for (const ch of channels) {
    tp = Math.max(tp, truePeakLinear(ch));
    for (let i = 0; i < ch.length; i++) sp = Math.max(sp, Math.abs(ch[i]));
  }
  return {
    integratedLufs: integratedLoudness(channels, sampleRate),
    truePeakDb: toDb(tp),
    samplePeakDb: toDb(sp),
  };
}
