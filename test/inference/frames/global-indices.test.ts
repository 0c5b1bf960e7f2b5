import { describe, expect, it } from 'vitest';
import { globalFrameIndices } from '../../../src/inference/frames/global-indices';

describe('globalFrameIndices', () => {
  it('samples 32 of 62 frames like floor(linspace(0, 61, 32))', () => {
    const exact = [...Array(32).keys()].map((i) => Math.floor((i * 61) / 31));
    expect(globalFrameIndices(62, 32)).toEqual(exact);
  });

  it('repeats frames when the video has fewer frames than asked for', () => {
    expect(globalFrameIndices(3, 5)).toEqual([0, 0, 1, 1, 2]);
    expect(globalFrameIndices(1, 4)).toEqual([0, 0, 0, 0]);
  });

  it('keeps both ends and never decreases', () => {
    for (const n of [2, 7, 10, 190, 1201]) {
      const idx = globalFrameIndices(n, 32);
      expect(idx[0]).toBe(0);
      expect(idx[31]).toBe(n - 1);
      expect(idx.every((v, i) => i === 0 || v >= idx[i - 1]!)).toBe(true);
    }
  });

  it('rejects empty videos and zero counts', () => {
    expect(() => globalFrameIndices(0, 32)).toThrow(RangeError);
    expect(() => globalFrameIndices(10, 0)).toThrow(RangeError);
  });
});
