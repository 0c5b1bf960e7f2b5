// Symmetric block quantisation of a linear weight into onnxruntime's MatMulNBits layout, done in TS at
// conversion time so bundles need no Python.

/** A quantised weight: packed codes [N, blocks, blockBytes] and one float scale per block. */
export interface QuantizedWeight {
  packed: Uint8Array;
  scales: Float32Array;
  blocks: number;
  blockBytes: number;
}

/**
 * Quantises W [N, K] (row = output feature) per block of `blockSize` inputs; codes are unsigned with the
 * default zero point (2^(bits-1)), which MatMulNBits assumes when no zero points are given.
 */
export function quantizeBlocks(w: Float32Array, n: number, k: number, bits: 4 | 8, blockSize: number): QuantizedWeight {
  const blocks = Math.ceil(k / blockSize);
  const blockBytes = (blockSize * bits) / 8;
  const packed = new Uint8Array(n * blocks * blockBytes);
  const scales = new Float32Array(n * blocks);
  const zero = 1 << (bits - 1);
  const qmax = zero - 1;
  for (let r = 0; r < n; r++) {
    for (let b = 0; b < blocks; b++) {
      const start = r * k + b * blockSize;
      const end = Math.min(r * k + k, start + blockSize);
      let amax = 0;
      for (let i = start; i < end; i++) amax = Math.max(amax, Math.abs(w[i]));
      const scale = amax / qmax || 1;
      scales[r * blocks + b] = scale;
      const base = (r * blocks + b) * blockBytes;
      for (let i = start; i < end; i++) {
        const q = Math.max(0, Math.min(2 * zero - 1, Math.round(w[i] / scale) + zero));
        const j = i - start;
        if (bits === 8) packed[base + j] = q;
        else packed[base + (j >> 1)] |= (j & 1) === 0 ? q : q << 4;
      }
    }
  }
  return { packed, scales, blocks, blockBytes };
}
