// The K-weighting of ITU-R BS.1770: a high-shelf "head" filter then an RLB high-pass.
// The standard tabulates coefficients for 48 kHz only; they are derived here from the analog prototypes
// (centre frequency, gain, Q) by the bilinear transform with pre-warping, which reproduces the 48 kHz table
// and gives the same response at 32 kHz (the model's rate) and 44.1 kHz.

/** Normalised biquad coefficients (a0 = 1). */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

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

/** One channel K-weighted: both sections run in one pass, in double precision. */
export function kWeight(x: ArrayLike<number>, sampleRate: number): Float64Array {
  const a = shelfCoefficients(sampleRate);
  const b = highPassCoefficients(sampleRate);
  const y = new Float64Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let m1 = 0;
  let m2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const x0 = x[n];
    const m0 = a.b0 * x0 + a.b1 * x1 + a.b2 * x2 - a.a1 * m1 - a.a2 * m2;
    const y0 = b.b0 * m0 + b.b1 * m1 + b.b2 * m2 - b.a1 * y1 - b.a2 * y2;
    x2 = x1;
    x1 = x0;
    m2 = m1;
    m1 = m0;
    y2 = y1;
    y1 = y0;
    y[n] = y0;
  }
  return y;
}
