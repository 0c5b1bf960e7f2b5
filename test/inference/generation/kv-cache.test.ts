import { describe, expect, it } from 'vitest';
import { KvCache } from '../../../src/inference/generation/kv-cache';

describe('KvCache', () => {
  const shape = { layers: 2, rows: 2, heads: 2, headDim: 3 };
  const newKv = (count: number, base: number): Float32Array =>
    Float32Array.from({ length: shape.rows * shape.heads * count * shape.headDim }, (_, i) => base + i);

  it('writes keys transposed and values row-wise at the current length, and masks empty slots', () => {
    const c = new KvCache(shape, 200);
    expect(c.capacity).toBe(64);
    c.reserve(2);
    c.write(0, newKv(2, 0), newKv(2, 100), 2);
    c.write(1, newKv(2, 0), newKv(2, 100), 2);
    c.advance(2);
    const t = c.tensors();
    const k = t.k[0].data as Float32Array;
    const v = t.v[0].data as Float32Array;
    // row nh=0, d=1, slot 1 = newK[(0*2 + 1)*3 + 1]
    expect(k[1 * 64 + 1]).toBe(4);
    expect([...v.subarray(0, 6)]).toEqual([100, 101, 102, 103, 104, 105]);
    const mask = t.mask.data as Float32Array;
    expect([mask[0], mask[1], mask[2]]).toEqual([0, 0, -Infinity]);
  });

  it('grows by doubling and keeps what was written; never beyond its maximum', () => {
    const c = new KvCache(shape, 100);
    for (let step = 0; step < 70; step++) {
      c.reserve(1);
      for (let l = 0; l < 2; l++) c.write(l, newKv(1, step * 1000), newKv(1, step * 1000 + 500), 1);
      c.advance(1);
    }
    expect(c.capacity).toBe(100);
    expect(c.length).toBe(70);
    const t = c.tensors();
    expect(t.k[1].dims).toEqual([2, 2, 3, 100]);
    const k = t.k[1].data as Float32Array;
    const v = t.v[1].data as Float32Array;
    // row nh=3, d=2 of step 65 → newK value 65000 + 3*3 + 2
    expect(k[(3 * 3 + 2) * 100 + 65]).toBe(65011);
    expect(v[(3 * 100 + 65) * 3 + 2]).toBe(65511);
    expect(() => c.reserve(31)).toThrow(/exceed/);
  });

  it('kv8: stores each (row, head, position) slice as int8 codes with its scale, within half a step of the value', () => {
    const c = new KvCache(shape, 100, 'kv8');
    const k = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => Math.sin(i + 1) * (i + 1));
    const v = Float32Array.from(k, (x) => -2 * x);
    for (let step = 0; step < 50; step++) {
      c.reserve(2);
      for (let l = 0; l < 2; l++) c.write(l, k, v, 2);
      c.advance(2);
    }
    const t = c.tensors();
    expect(t.k[0].type).toBe('int8');
    expect(t.kScale![0].dims).toEqual([2, 2, 1, 100]);
    const codes = t.k[1].data as Int8Array;
    const scales = t.kScale![1].data as Float32Array;
    const vCodes = t.v[1].data as Int8Array;
    const vScales = t.vScale![1].data as Float32Array;
    // Every written slot (the last one too, after growing past 64) holds K and V of its (row nh, position s).
    for (const slot of [0, 1, 64, 99])
      for (let nh = 0; nh < 4; nh++) {
        const s = slot % 2;
        const row = Array.from({ length: 3 }, (_, j) => k[(nh * 2 + s) * 3 + j]);
        const scale = scales[nh * 100 + slot];
        expect(scale).toBeCloseTo(Math.max(...row.map(Math.abs)) / 127, 6);
        for (let j = 0; j < 3; j++) {
          expect(Math.abs(codes[(nh * 3 + j) * 100 + slot] * scale - row[j])).toBeLessThanOrEqual(
            scale / 2 + 1e-6,
          );
          const vs = vScales[nh * 100 + slot];
          expect(
            Math.abs(vCodes[(nh * 100 + slot) * 3 + j] * vs - v[(nh * 2 + s) * 3 + j]),
          ).toBeLessThanOrEqual(vs / 2 + 1e-6);
        }
      }
  });
});
