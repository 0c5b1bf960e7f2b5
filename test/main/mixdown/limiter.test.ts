import { describe, expect, it } from 'vitest';
import { limit, limiterGain } from '../../../src/main/mixdown/limiter';
import { maxJump, sine } from './signals';

const SR = 48000;

describe('limiter', () => {
  const x = sine(SR, 200, SR, 0.3);
  x.set(sine(480, 200, SR, 0.95), SR / 2);
  x[100] = -0.99;

  it('keeps every sample at or under the ceiling, including peaks at the very start', () => {
    const y = [x.slice()];
    limit(y, SR, 0.5);
    expect(Math.max(...y[0].map(Math.abs))).toBeLessThanOrEqual(0.5);
  });

  it('recovers to unity gain after the release, away from peaks', () => {
    const g = limiterGain([x], SR, 0.5);
    expect(g[0.45 * SR]).toBeGreaterThan(0.999);
    expect(g[0.95 * SR]).toBeGreaterThan(0.999);
    expect(g[0.3 * SR]).toBeLessThan(1);
  });

  it('moves the gain smoothly: no step larger than the look-ahead ramp allows', () => {
    const g = limiterGain([x], SR, 0.5);
    // the deepest reduction is about 0.5 / 0.99; spread over a 2 ms (97-sample) box it changes by under 1 % a sample
    expect(maxJump(g)).toBeLessThan(0.01);
  });

  it('links the channels: one gain for all', () => {
    const quiet = new Float32Array(SR);
    const y = [x.slice(), quiet];
    const g = limiterGain(y, SR, 0.5);
    expect(g[SR / 2 + 120]).toBeLessThan(0.6);
  });
});
