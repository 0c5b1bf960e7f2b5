// True peak per ITU-R BS.1770 Annex 2: the signal is oversampled 4× by a polyphase low-pass interpolator and
// the largest absolute value is taken, catching the inter-sample peaks that a DAC (or a lossy encoder) creates.

/** Oversampling factor that the standard specifies. */
export const TRUE_PEAK_OVERSAMPLING = 4;
const TAPS_PER_PHASE = 12;

// Windowed-sinc prototype (Hann window), cut off at the original Nyquist; each phase is normalised to unity DC gain
// so a constant signal reads exactly its own level.
function phases(factor: number, taps: number): Float64Array[] {
  const n = factor * taps;
  const centre = (n - 1) / 2;
  const h = Array.from({ length: n }, (_, i) => {
    const x = (i - centre) / factor;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return sinc * (0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n));
  });
  return Array.from({ length: factor }, (_, p) => {
    const c = Float64Array.from({ length: taps }, (_, k) => h[k * factor + p]);
    const sum = c.reduce((a, b) => a + b, 0);
    return c.map((v) => v / sum);
  });
}

const PHASES = phases(TRUE_PEAK_OVERSAMPLING, TAPS_PER_PHASE);

const PHASE_L1 = Math.max(...PHASES.map((c) => c.reduce((a, b) => a + Math.abs(b), 0)));
const BLOCK = 512;

/** Largest absolute value of one channel after 4× oversampling (linear, not dB); includes the samples themselves. */
export function truePeakLinear(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const t = TAPS_PER_PHASE;
  // An interpolated value never exceeds the window's largest |sample| times the phase's L1 norm, so blocks that
  // cannot beat the peak found so far are skipped: exact, and music (sparse peaks) is measured several times faster.
  for (let from = 0; from < x.length + t - 1; from += BLOCK) {
    const to = Math.min(from + BLOCK, x.length + t - 1);
    if (windowMax(x, from - t + 1, to) * PHASE_L1 <= peak) continue;
    for (const c of PHASES) peak = Math.max(peak, phasePeak(x, c, from, to));
  }
  return peak;
}

function windowMax(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.max(0, from); i < Math.min(to, x.length); i++) {
    const a = x[i] < 0 ? -x[i] : x[i];
    if (a > m) m = a;
  }
  return m;
}

// Output m of a phase is sum_k c[k]·x[m−k]; samples outside the signal count as silence.
function phasePeak(x: Float32Array, c: Float64Array, from: number, to: number): number {
  const t = c.length;
  let peak = 0;
  for (let m = from; m < to; m++) {
    let acc = 0;
    const kMin = Math.max(0, m - x.length + 1);
    const kMax = Math.min(t - 1, m);
    for (let k = kMin; k <= kMax; k++) acc += c[k] * x[m - k];
    const a = acc < 0 ? -acc : acc;
    if (a > peak) peak = a;
  }
  return peak;
}

/** Decibels of a linear amplitude (−Infinity for silence). */
export const toDb = (linear: number): number => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);
