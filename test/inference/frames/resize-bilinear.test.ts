import { describe, expect, it } from 'vitest';
import { axisTaps, resizeRgb24ToPlanar } from '../../../src/inference/frames/resize-bilinear';

/** An interleaved rgb24 picture whose red channel is `red` (row-major), green 10× it, blue 0. */
function picture(red: number[]): Uint8Array {
  const out = new Uint8Array(red.length * 3);
  red.forEach((v, i) => out.set([v, Math.min(255, v * 10), 0], i * 3));
  return out;
}

describe('axisTaps', () => {
  it('halving takes the two pixels around each output centre at equal weight', () => {
    const t = axisTaps(4, 2);
    expect([...t.i0, ...t.i1]).toEqual([0, 2, 1, 3]);
    expect([...t.w0, ...t.w1]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('enlarging clamps positions before the first pixel and after the last (align_corners=False)', () => {
    const t = axisTaps(2, 4); // source positions -0.25 → 0, 0.25, 0.75, 1.25 (last index clamped)
    expect([...t.i0]).toEqual([0, 0, 0, 1]);
    expect([...t.i1]).toEqual([1, 1, 1, 1]);
    expect([...t.w1]).toEqual([0, 0.25, 0.75, 0.25]);
  });

  it('keeps an axis of the same size as is', () => {
    const t = axisTaps(3, 3);
    expect([...t.i0, ...t.i1, ...t.w0, ...t.w1]).toEqual([0, 1, 2, 0, 1, 2, 1, 1, 1, 0, 0, 0]);
  });
});

describe('resizeRgb24ToPlanar', () => {
  it('averages 2×2 blocks when halving and rounds halves to even, into R, G, B planes', () => {
    const src = picture([1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16]);
    const out = new Uint8Array(12);
    resizeRgb24ToPlanar(src, 4, 4, 2, 2, out, 0);
    // block means 2.5, 6.5, 10.5, 14.5 → 2, 6, 10, 14; green 25, 65, 105, 145 exactly; blue 0
    expect([...out]).toEqual([2, 6, 10, 14, 25, 65, 105, 145, 0, 0, 0, 0]);
  });

  it('enlarges a 2×1 ramp with weights ¾/¼', () => {
    const out = new Uint8Array(12);
    resizeRgb24ToPlanar(picture([0, 200]), 2, 1, 4, 1, out, 0);
    expect([...out.subarray(0, 4)]).toEqual([0, 50, 150, 200]);
  });

  it('writes at the offset and leaves the rest untouched', () => {
    const out = new Uint8Array(5).fill(7);
    resizeRgb24ToPlanar(picture([9]), 1, 1, 1, 1, out, 1);
    expect([...out]).toEqual([7, 9, 90, 0, 7]);
  });
});
