// Logits processors of sampled generation, each a pure function on one row of card logits / probabilities.

/** softmax(logits / temperature) into `out` (same length). */
export function softmaxWithTemperature(
  logits: ArrayLike<number>,
  temperature: number,
  out: Float64Array,
): void {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i] / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < logits.length; i++) out[i] /= sum;
}

/** Indices of probs sorted by descending probability (ties by index, as a stable sort gives). */
export function sortedIndices(probs: Float64Array): Int32Array {
  const idx = Int32Array.from({ length: probs.length }, (_, i) => i);
  return idx.sort((a, b) => probs[b] - probs[a] || a - b);
}

/**
 * Keeps the k most probable entries (zeroing the rest) and renormalises; k ≥ card keeps all. A native numeric
 * sort finds the k-th value (entries tied with it are kept, as ties of float probabilities are vanishingly rare).
 */
export function topK(
  probs: Float64Array,
  k: number,
  scratch: Float64Array = new Float64Array(probs.length),
): void {
  if (!Number.isInteger(k) || k <= 0) throw new RangeError(`top-k must be a positive integer, got ${k}`);
  if (k >= probs.length) return;
  scratch.set(probs);
  scratch.sort();
  const threshold = scratch[probs.length - k];
  for (let i = 0; i < probs.length; i++) if (probs[i] < threshold) probs[i] = 0;
  normalise(probs);
}

/** Keeps the smallest prefix of the sorted entries whose mass before each kept entry is ≤ p, renormalised. */
export function topP(probs: Float64Array, p: number): void {
  if (!(p > 0 && p <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${p}`);
  const order = sortedIndices(probs);
  let cum = 0;
  for (const i of order) {
    const before = cum;
    cum += probs[i];
    if (before > p) probs[i] = 0;
  }
  normalise(probs);
}

function normalise(probs: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) sum += probs[i];
  for (let i = 0; i < probs.length; i++) probs[i] /= sum;
}
