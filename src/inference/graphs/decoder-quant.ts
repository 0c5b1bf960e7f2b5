// Block quantisation of a linear weight into onnxruntime's MatMulNBits layout, done in TS at conversion time
// so bundles need no Python. Asymmetric (min/max with a zero point per block) uses all 2^bits levels, which
// matters most at 4 bits.

/** A quantised weight: packed codes [N, blocks, blockBytes], one float scale and one zero point per block. */
export interface QuantizedWeight {
  packed: Uint8Array;
  scales: Float32Array;
  /** Zero points packed as MatMulNBits expects ([N, ceil(blocks·bits/8)]), or null for the default 2^(bits-1). */
  zeroPoints: Uint8Array | null;
  blocks: number;
  blockBytes: number;
}

/**
 * Quantises W [N, K] (row = output feature) per block of `blockSize` inputs. Symmetric codes use the default
 * zero point; asymmetric ones store a zero point per block.
 */
export function quantizeBlocks(
  w: Float32Array,
  n: number,
  k: number,
  bits: 4 | 8,
  blockSize: number,
  asymmetric = false,
): QuantizedWeight {
  const blocks = Math.ceil(k / blockSize);
  const blockBytes = (blockSize * bits) / 8;
  const packed = new Uint8Array(n * blocks * blockBytes);
  const scales = new Float32Array(n * blocks);
  const zpRow = Math.ceil((blocks * bits) / 8);
  const zeroPoints = asymmetric ? new Uint8Array(n * zpRow) : null;
  const levels = (1 << bits) - 1;
  for (let r = 0; r < n; r++) {
    for (let b = 0; b < blocks; b++) {
      const start = r * k + b * blockSize;
      const end = Math.min(r * k + k, start + blockSize);
      const { scale, zero } = blockParams(w, start, end, bits, asymmetric);
      scales[r * blocks + b] = scale;
      if (zeroPoints) {
        if (bits === 8) zeroPoints[r * zpRow + b] = zero;
        else zeroPoints[r * zpRow + (b >> 1)] |= (b & 1) === 0 ? zero : zero << 4;
      }
      const base = (r * blocks + b) * blockBytes;
      for (let i = start; i < end; i++) {
        const q = Math.max(0, Math.min(levels, Math.round(w[i] / scale) + zero));
        const j = i - start;
        if (bits === 8) packed[base + j] = q;
        else packed[base + (j >> 1)] |= (j & 1) === 0 ? q : q << 4;
      }
    }
  }
  return { packed, scales, zeroPoints, blocks, blockBytes };
}

/** Scale and zero point of one block; an all-zero block gets scale 1 so codes stay finite. */
function blockParams(
  w: Float32Array,
  start: number,
  end: number,
  bits: number,
  asymmetric: boolean,
): { scale: number; zero: number } {
  const levels = (1 << bits) - 1;
  let min = 0;
  let max = 0;
  for (let i = start; i < end; i++) {
    min = Math.min(min, w[i]);
    max = Math.max(max, w[i]);
  }
  if (!asymmetric) {
    const zero = 1 << (bits - 1);
    return { scale: Math.max(-min, max) / (zero - 1) || 1, zero };
  }
  const scale = (max - min) / levels || 1;
  return { scale, zero: Math.max(0, Math.min(levels, Math.round(-min / scale))) };
}
