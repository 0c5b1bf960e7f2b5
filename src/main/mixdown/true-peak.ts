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
    peak = Math.max(peak, blockPeak(x, from, to));
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

const [P0, P1, P2, P3] = PHASES;

// Outputs m of all four phases, sum_k c[k]·x[m−k], in one pass over the samples; outside the signal is silence.
function blockPeak(x: Float32Array, from: number, to: number): number {
  const n = x.length;
  let peak = 0;
  for (let m = from; m < to; m++) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    const kMin = m - n + 1 > 0 ? m - n + 1 : 0;
    const kMax = m < TAPS_PER_PHASE - 1 ? m : TAPS_PER_PHASE - 1;
    for (let k = kMin; k <= kMax; k++) {
      const v = x[m - k];
      a0 += P0[k] * v;
      a1 += P1[k] * v;
      a2 += P2[k] * v;
      a3 += P3[k] * v;
    }
    const a = Math.max(Math.abs(a0), Math.abs(a1), Math.abs(a2), Math.abs(a3));
    if (a > peak) peak = a;
  }
  return peak;
}

/** Decibels of a linear amplitude (−Infinity for silence). */
export const toDb = (linear: number): number => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);
