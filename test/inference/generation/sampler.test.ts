import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/inference/generation/prng';
import { argmax, multinomial, TokenSampler } from '../../../src/inference/generation/sampler';

describe('sampler', () => {
  it('argmax returns the first maximum of a slice', () => {
    expect(argmax([1, 5, 5, 2])).toBe(1);
    expect(argmax(Float32Array.from([9, 0, 3, 3]), 1, 3)).toBe(1);
  });

  it('multinomial walks the cumulative mass', () => {
    const p = Float64Array.from([0.2, 0, 0.5, 0.3]);
    expect(multinomial(p, 0)).toBe(0);
    expect(multinomial(p, 0.2)).toBe(2);
    expect(multinomial(p, 0.69)).toBe(2);
    expect(multinomial(p, 0.7)).toBe(3);
    expect(multinomial(p, 0.9999999)).toBe(3);
  });

  it('the PRNG is a pure function of its seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
    const u = new Prng(1).next();
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });

  it('greedy ignores the random stream; sampling is reproducible from the seed', () => {
    const logits = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
    const greedy = new TokenSampler(
      32,
      { useSampling: false, temperature: 1, topK: 0, topP: 0 },
      new Prng(1),
    );
    expect(greedy.pick(logits, 32)).toBe(argmax(logits, 32, 32));
    const params = { useSampling: true, temperature: 1, topK: 5, topP: 0 };
    const run = (seed: number): number[] => {
      const s = new TokenSampler(32, params, new Prng(seed));
      return Array.from({ length: 20 }, () => s.pick(logits, 0));
    };
    expect(run(3)).toEqual(run(3));
    const top5 = Array.from(logits.subarray(0, 32))
      .map((v, i) => [v, i])
      .sort((x, y) => y[0] - x[0])
      .slice(0, 5)
      .map((x) => x[1]);
    for (const t of run(3)) expect(top5).toContain(t);
  });
});
