// Global frames are sampled evenly over the whole video: floor(linspace(0, n − 1, N)), with linspace
// evaluated as torch does in float32 (from both ends towards the middle), so indices match the reference.

/** The N global frame indices of a video of n frames (indices repeat when N > n). */
export function globalFrameIndices(n: number, count: number): number[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`frame count must be ≥ 1, got ${n}`);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`global frame count must be ≥ 1, got ${count}`);
  if (count === 1) return [0];
  const end = n - 1;
  const step = Math.fround(end / (count - 1));
  const half = Math.floor(count / 2);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = i < half ? Math.fround(step * i) : Math.fround(end - Math.fround(step * (count - i - 1)));
    out.push(Math.min(end, Math.max(0, Math.floor(v))));
  }
  return out;
}
