// Continuation prompts are columns of row-major codes [K, frames]: every codebook's run, in order.
import { describe, expect, it } from 'vitest';
import { codeColumns } from '../../../src/shared/timeline/code-columns';

describe('codeColumns', () => {
  it('takes columns [from, from + count) of every codebook', () => {
    // K = 2 codebooks of 4 frames: row 0 is 0..3, row 1 is 10..13.
    const codes = Int32Array.from([0, 1, 2, 3, 10, 11, 12, 13]);
    const p = codeColumns(codes, 2, 1, 2);
    expect(p.frames).toBe(2);
    expect(Array.from(p.codes)).toEqual([1, 2, 11, 12]);
  });
  it('copies, so the prompt does not alias the take', () => {
    const codes = Int32Array.from([5, 6, 7, 8]);
    const p = codeColumns(codes, 1, 0, 4);
    codes[0] = 0;
    expect(Array.from(p.codes)).toEqual([5, 6, 7, 8]);
  });
});
