import { describe, expect, it } from 'vitest';
import { duckingGain } from '../../../src/main/mixdown/duck';
import { sine } from './signals';

const SR = 48000;
const settings = { amountDb: 12, thresholdDb: -30, attackMs: 20, releaseMs: 200 };

describe('duckingGain', () => {
  it('leaves the music alone under silence', () => {
    expect(
      duckingGain([new Float32Array(SR), new Float32Array(SR)], SR, settings).every((g) => g === 1),
    ).toBe(true);
  });

  it('ducks by the amount while the original is above the threshold and recovers after the release', () => {
    const side = new Float32Array(4 * SR);
    side.set(sine(SR, 300, SR, 0.5), SR);
    const g = duckingGain([side], SR, settings);
    const floor = 10 ** (-12 / 20);
    expect(g[SR - 1]).toBe(1);
    expect(g[1.2 * SR]).toBeCloseTo(floor, 4);
    expect(g[1.99 * SR]).toBeCloseTo(floor, 4);
    expect(g[2.1 * SR]).toBeGreaterThan(floor);
    expect(g[2.1 * SR]).toBeLessThan(1);
    expect(g[3.9 * SR]).toBeCloseTo(1, 3);
  });

  it('does not duck under audio quieter than the threshold', () => {
    const g = duckingGain([sine(SR, 300, SR, 0.01)], SR, settings);
    expect(Math.min(...g)).toBe(1);
  });
});
