// Audio codes are [K codebooks, frames], row-major. A continuation prompt is a run of their columns: the
// previous take's codes over the start of the next window, which the next take begins with.

/** Codes that prompt a take: `frames` columns of every codebook, row-major. */
export interface PromptCodes {
  codes: Int32Array;
  frames: number;
}

/** Columns [from, from + count) of codes [K, frames] (row-major), as a prompt. */
export function codeColumns(codes: Int32Array, K: number, from: number, count: number): PromptCodes {
  const frames = codes.length / K;
  const out = new Int32Array(K * count);
  for (let k = 0; k < K; k++)
    out.set(codes.subarray(k * frames + from, k * frames + from + count), k * count);
  return { codes: out, frames: count };
}
