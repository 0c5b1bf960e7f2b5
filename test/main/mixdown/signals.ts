// Deterministic synthetic signals for mixdown and loudness tests.

/** A seeded uniform noise generator (mulberry32), so "random" signals are the same on every run. */
export function noise(n: number, seed: number, amplitude = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = amplitude * ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1);
  }
  return out;
}

/** A sine of the given frequency and amplitude. */
export function sine(n: number, freq: number, sampleRate: number, amplitude = 1, phase = 0): Float32Array {
  return Float32Array.from(
    { length: n },
    (_, i) => amplitude * Math.sin((2 * Math.PI * freq * i) / sampleRate + phase),
  );
}

/** Mean square of x over [from, to). */
export function power(x: Float32Array, from = 0, to = x.length): number {
  let acc = 0;
  for (let i = from; i < to; i++) acc += x[i] * x[i];
  return acc / (to - from);
}

/** Largest absolute difference between neighbouring samples. */
export function maxJump(x: Float32Array, from = 1, to = x.length): number {
  let m = 0;
  for (let i = Math.max(1, from); i < to; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
  return m;
}
