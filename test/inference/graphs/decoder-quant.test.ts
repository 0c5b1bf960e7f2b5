import { describe, expect, it } from 'vitest';
import { quantizeBlocks } from '../../../src/inference/graphs/decoder-quant';

/** Dequantises code j of row r with its block's zero point (default 2^(bits-1)). */
function dequant(
  q: ReturnType<typeof quantizeBlocks>,
  bits: 4 | 8,
  block: number,
  r: number,
  j: number,
): number {
  const b = Math.floor(j / block);
  const i = j % block;
  const base = (r * q.blocks + b) * q.blockBytes;
  const code = bits === 8 ? q.packed[base + i] : (q.packed[base + (i >> 1)] >> ((i & 1) * 4)) & 15;
  const zpRow = Math.ceil((q.blocks * bits) / 8);
  const zp = q.zeroPoints
    ? bits === 8
      ? q.zeroPoints[r * zpRow + b]
      : (q.zeroPoints[r * zpRow + (b >> 1)] >> ((b & 1) * 4)) & 15
    : 1 << (bits - 1);
  return (code - zp) * q.scales[r * q.blocks + b];
}

describe('quantizeBlocks', () => {
  const n = 3;
  const k = 64;
  const w = Float32Array.from({ length: n * k }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 7)));

  for (const [bits, asymmetric] of [
    [4, false],
    [4, true],
    [8, false],
    [8, true],
  ] as const) {
    it(`${bits}-bit ${asymmetric ? 'asymmetric' : 'symmetric'} codes dequantise to within half a step of every weight`, () => {
      const q = quantizeBlocks(w, n, k, bits, 32, asymmetric);
      expect(q.zeroPoints === null).toBe(!asymmetric);
      expect(q.blocks).toBe(2);
      expect(q.packed.length).toBe((n * 2 * (32 * bits)) / 8);
      for (let r = 0; r < n; r++)
        for (let j = 0; j < k; j++) {
          const scale = q.scales[r * 2 + Math.floor(j / 32)];
          expect(Math.abs(dequant(q, bits, 32, r, j) - w[r * k + j])).toBeLessThanOrEqual(scale / 2 + 1e-6);
        }
    });
  }

  it('asymmetric 4-bit steps are at most the symmetric ones (16 levels instead of 15)', () => {
    const sym = quantizeBlocks(w, n, k, 4, 32, false);
    const asym = quantizeBlocks(w, n, k, 4, 32, true);
    for (let i = 0; i < sym.scales.length; i++)
      expect(asym.scales[i]).toBeLessThanOrEqual(sym.scales[i] + 1e-7);
  });

  it('represents the largest magnitude of a block exactly and an all-zero block as zeros', () => {
    const z = new Float32Array(32);
    z[5] = -2;
    const q = quantizeBlocks(z, 1, 32, 4, 32);
    expect(dequant(q, 4, 32, 0, 5)).toBeCloseTo(-2, 6);
    const zero = quantizeBlocks(new Float32Array(32), 1, 32, 8, 32);
    expect(Array.from({ length: 32 }, (_, j) => dequant(zero, 8, 32, 0, j)).every((v) => v === 0)).toBe(true);
  });
});
