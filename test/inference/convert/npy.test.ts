import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy, readNpy, writeNpy } from '../../../src/inference/convert/npy';
import { FIXTURE, tmpDir } from './helpers';

describe('npy', () => {
  it('round-trips float32, int64 and uint8 arrays', () => {
    const dir = tmpDir('npy');
    const cases = [
      { dtype: 'float32' as const, shape: [2, 3], data: new Float32Array([1, -2, 3.5, NaN, 0, 1e-7]) },
      { dtype: 'int64' as const, shape: [3], data: new BigInt64Array([1n, -5n, 1n << 40n]) },
      { dtype: 'uint8' as const, shape: [1, 2, 2], data: new Uint8Array([0, 7, 255, 9]) },
    ];
    for (const a of cases) {
      const f = path.join(dir, `${a.dtype}.npy`);
      writeNpy(f, a);
      const b = readNpy(f);
      expect(b.dtype).toBe(a.dtype);
      expect(b.shape).toEqual(a.shape);
      expect(Array.from(b.data as ArrayLike<unknown>)).toEqual(Array.from(a.data as ArrayLike<unknown>));
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['float32.npy', 'int64.npy', 'uint8.npy']);
  });

  it('writes a header padded to 64 bytes, as numpy does', () => {
    const b = encodeNpy({ dtype: 'float32', shape: [5], data: new Float32Array(5) });
    const headerLen = new DataView(b.buffer).getUint16(8, true);
    expect((10 + headerLen) % 64).toBe(0);
    expect(b.length).toBe(10 + headerLen + 20);
  });

  it('reads the fixture tensors, including a Fortran-ordered one, in C order', () => {
    const codes = readNpy(path.join(FIXTURE, 'tensors/gen_codes.npy'));
    expect(codes.dtype).toBe('int64');
    expect(codes.shape).toEqual([2, 4, 40]);
    const latent = readNpy(path.join(FIXTURE, 'tensors/codec_decode_quantized_latent.npy'));
    expect(latent.shape).toEqual([1, 16, 25]);
    // values known from numpy: a[0,:2,:2] = [[0.9136381, 0.5387856], [1.0001676, 0.91478735]]
    const d = latent.data as Float32Array;
    expect([d[0], d[1], d[25], d[26]].map((v) => v.toFixed(6))).toEqual([
      '0.913638',
      '0.538786',
      '1.000168',
      '0.914787',
    ]);
  });

  it('refuses a file that is not npy or is truncated, naming it', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'x.npy')).toThrow(
      /x\.npy: not a valid \.npy file \(magic\)/,
    );
    const good = encodeNpy({ dtype: 'float32', shape: [4], data: new Float32Array(4) });
    expect(() => parseNpy(good.subarray(0, good.length - 1), 'y.npy')).toThrow(/y\.npy: .*truncated data/);
    expect(() => readNpy('/nonexistent/z.npy')).toThrow(/z\.npy: no such file/);
  });
});
