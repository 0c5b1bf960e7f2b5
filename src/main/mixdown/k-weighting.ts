// The K-weighting of ITU-R BS.1770: a high-shelf "head" filter then an RLB high-pass.
// The standard tabulates coefficients for 48 kHz only; they are derived here from the analog prototypes
// (centre frequency, gain, Q) by the bilinear transform with pre-warping, which reproduces the 48 kHz table
// and gives the same response at 32 kHz (the model's rate) and 44.1 kHz.
import { biquad, type BiquadCoefficients } from './biquad';

/** Stage 1: the +4 dB high shelf that models the head, for a sample rate. */
export function shelfCoefficients(sampleRate: number): BiquadCoefficients {
  const f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / q + k * k;
  return {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
}

/** Stage 2: the revised low-frequency B-curve (RLB) high-pass at about 38 Hz, for a sample rate. */
export function highPassCoefficients(sampleRate: number): BiquadCoefficients {
  const f0 = 38.13547087602444;
  const q = 0.5003270373238773;
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + k / q + k * k;
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
}

/** One channel K-weighted. */
export function kWeight(x: ArrayLike<number>, sampleRate: number): Float64Array {
  return biquad(biquad(x, shelfCoefficients(sampleRate)), highPassCoefficients(sampleRate));
}
