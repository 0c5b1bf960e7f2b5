import { describe, expect, it } from 'vitest';
import { DelayPattern } from '../../../src/inference/generation/delay-pattern';
import { fixtureTensor } from './tiny-decoder';

describe('DelayPattern', () => {
  it('places codebook q of frame t at step t + 1 + q, special elsewhere', () => {
    const p = new DelayPattern(2, [0, 1, 2, 3]);
    expect(p.steps).toBe(6);
    const codes = Int32Array.from([10, 11, 20, 21, 30, 31, 40, 41]);
    expect([...p.apply(codes, 1, 99)]).toEqual([
      99, 10, 11, 99, 99, 99, 99, 99, 20, 21, 99, 99, 99, 99, 99, 30, 31, 99, 99, 99, 99, 99, 40, 41,
    ]);
  });

  it('reverts what it applies', () => {
    const p = new DelayPattern(5, [0, 1, 2, 3]);
    const codes = Int32Array.from({ length: 2 * 4 * 5 }, (_, i) => (i * 7) % 13);
    expect([...p.revert(p.apply(codes, 2, 64), 2)]).toEqual([...codes]);
  });

  it('matches the reference pattern sequence of the fixture', () => {
    const codes = fixtureTensor('logits_input_codes');
    const ref = fixtureTensor('logits_pattern_sequence');
    const [B, K, T] = codes.shape;
    const p = new DelayPattern(T, [0, 1, 2, 3]);
    const seq = p.apply(Int32Array.from(codes.data as BigInt64Array, Number), B, 64);
    const S = ref.shape[2];
    const firstColumns: number[] = [];
    for (let r = 0; r < B * K; r++) firstColumns.push(...seq.subarray(r * p.steps, r * p.steps + S));
    expect(firstColumns).toEqual(Array.from(ref.data as BigInt64Array, Number));
  });

  it('knows the first step after a prompt and how many frames are final', () => {
    const p = new DelayPattern(40, [0, 1, 2, 3]);
    expect(p.firstStepWithFrame(0)).toBe(1);
    expect(p.firstStepWithFrame(25)).toBe(26);
    expect(p.framesCompleteAt(3)).toBe(0);
    expect(p.framesCompleteAt(4)).toBe(1);
    expect(p.framesCompleteAt(43)).toBe(40);
  });

  it('rejects a negative length', () => {
    expect(() => new DelayPattern(-1, [0])).toThrow(/non-negative/);
  });
});
