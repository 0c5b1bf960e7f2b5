import { describe, expect, it } from 'vitest';
import { softmaxWithTemperature, topK, topP } from '../../../src/inference/generation/logits-processors';

describe('logits processors', () => {
  it('softmax with temperature', () => {
    const out = new Float64Array(2);
    softmaxWithTemperature([0, Math.log(3)], 1, out);
    expect(out[0]).toBeCloseTo(0.25, 12);
    expect(out[1]).toBeCloseTo(0.75, 12);
    softmaxWithTemperature([0, 2 * Math.log(3)], 2, out);
    expect(out[1]).toBeCloseTo(0.75, 12);
    expect(() => softmaxWithTemperature([0], 0, out)).toThrow(/temperature/);
  });

  it('top-k keeps the k largest and renormalises', () => {
    const p = Float64Array.from([0.1, 0.4, 0.2, 0.3]);
    topK(p, 2);
    expect([...p].map((x) => Math.round(x * 1e12) / 1e12)).toEqual(
      [0, 4 / 7, 0, 3 / 7].map((x) => Math.round(x * 1e12) / 1e12),
    );
    const all = Float64Array.from([0.5, 0.5]);
    topK(all, 250);
    expect([...all]).toEqual([0.5, 0.5]);
    expect(() => topK(p, 0)).toThrow(/top-k/);
  });

  it('top-p keeps entries whose preceding mass is at most p', () => {
    const p = Float64Array.from([0.1, 0.5, 0.15, 0.25]);
    topP(p, 0.6);
    // sorted 0.5, 0.25, 0.15, 0.1: mass before each = 0, 0.5, 0.75, 0.9 → keep the first two
    expect([...p].map((x) => Math.round(x * 1e12) / 1e12)).toEqual(
      [0, 0.5 / 0.75, 0, 0.25 / 0.75].map((x) => Math.round(x * 1e12) / 1e12),
    );
    expect(() => topP(p, 1.5)).toThrow(/top-p/);
  });
});
