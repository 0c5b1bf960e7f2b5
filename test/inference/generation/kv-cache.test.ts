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
});
