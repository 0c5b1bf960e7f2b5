import { describe, expect, it } from 'vitest';
import { mixdown, type MixdownPlan } from '../../../src/shared/timeline/mixdown';
import {
  fadeInGain,
  fadeOutGain,
  fadePosition,
  type SeamCurve,
} from '../../../src/shared/timeline/seam-curve';
import { maxJump, noise, power, sine } from '../../main/mixdown/signals';

const SR = 32000;
const constant = (n: number, v = 1): Float32Array => new Float32Array(n).fill(v);

// Two clips of 3 s overlapping by 1 s, seam over the whole overlap [2 s, 3 s).
const twoClips = (
  a: Float32Array,
  b: Float32Array,
  curve: SeamCurve,
  seam: [number, number] = [2 * SR, 3 * SR],
): MixdownPlan => ({
  sampleRate: SR,
  totalSamples: 5 * SR,
  clips: [
    { startSample: 0, pcm: a },
    { startSample: 2 * SR, pcm: b },
  ],
  seams: [{ startSample: seam[0], endSample: seam[1], curve }],
  fadeInSamples: 0,
  fadeOutSamples: 0,
});

describe('mixdown', () => {
  it('returns exactly totalSamples, padding with silence and cutting what overruns', () => {
    const plan: MixdownPlan = {
      sampleRate: SR,
      totalSamples: 1001,
      clips: [{ startSample: 10, pcm: constant(2000) }],
      seams: [],
      fadeInSamples: 0,
      fadeOutSamples: 0,
    };
    const out = mixdown(plan);
    expect(out.length).toBe(1001);
    expect([out[9], out[10], out[1000]]).toEqual([0, 1, 1]);
  });

  it('gives the gains of the curve, sample by sample, over an equal-power seam of identical signals', () => {
    const out = mixdown(twoClips(constant(3 * SR), constant(3 * SR), 'equal-power'));
    for (const i of [0, 1, 7, SR / 2, SR - 1]) {
      const t = fadePosition(i, SR);
      expect(out[2 * SR + i]).toBeCloseTo(fadeInGain('equal-power', t) + fadeOutGain('equal-power', t), 6);
    }
    // correlated signals add in amplitude: +3 dB (power ×2) in the middle of an equal-power seam
    expect(power(out, 2.5 * SR - 100, 2.5 * SR + 100)).toBeCloseTo(2, 3);
    expect([out[2 * SR - 1], out[3 * SR]]).toEqual([1, 1]);
  });

  it('keeps the power of uncorrelated signals constant through an equal-power seam', () => {
    const out = mixdown(twoClips(noise(3 * SR, 1), noise(3 * SR, 2), 'equal-power'));
    const ref = power(out, 0, 2 * SR);
    for (let b = 0; b < 10; b++) {
      const from = 2 * SR + (b * SR) / 10;
      expect(power(out, from, from + SR / 10) / ref).toBeGreaterThan(0.95);
      expect(power(out, from, from + SR / 10) / ref).toBeLessThan(1.05);
    }
  });

  it('keeps the amplitude of identical signals constant through linear and s-curve seams', () => {
    for (const curve of ['linear', 's-curve'] as const) {
      const out = mixdown(twoClips(constant(3 * SR, 0.5), constant(3 * SR, 0.5), curve));
      for (let i = 0; i < out.length; i++)
        if (Math.abs(out[i] - 0.5) > 1e-6) throw new Error(`${curve}: sample ${i} is ${out[i]}`);
    }
  });

  it('has no clicks at a seam: sample-to-sample jumps stay within those of the takes', () => {
    const a = sine(3 * SR, 440, SR, 0.5);
    const b = sine(3 * SR, 660, SR, 0.5, 1.3);
    const bound = Math.max(maxJump(a), maxJump(b));
    // gains sum to at most 1 (linear, s-curve) or √2 (equal-power), and change by at most π/(2·seam) per sample
    const slack = (Math.PI / (2 * SR)) * 1.0;
    expect(maxJump(mixdown(twoClips(a, b, 'linear')))).toBeLessThanOrEqual(bound + slack);
    expect(maxJump(mixdown(twoClips(a, b, 's-curve')))).toBeLessThanOrEqual(bound + slack);
    expect(maxJump(mixdown(twoClips(a, b, 'equal-power')))).toBeLessThanOrEqual(Math.SQRT2 * bound + slack);
    // a zero-length seam is a hard cut: it clicks, which is what the crossfade prevents
    expect(maxJump(mixdown(twoClips(a, b, 'linear', [2 * SR, 2 * SR])))).toBeGreaterThan(4 * bound);
  });

  it('plays only the earlier take before a short seam and only the later one after it', () => {
    const out = mixdown(
      twoClips(constant(3 * SR, 0.25), constant(3 * SR, 0.75), 'linear', [2.4 * SR, 2.6 * SR]),
    );
    expect([out[2 * SR], out[2.4 * SR - 1], out[2.6 * SR], out[3 * SR - 1]]).toEqual([
      0.25, 0.25, 0.75, 0.75,
    ]);
  });

  it('fades in and out at the ends of the video with the edge curve', () => {
    const plan = twoClips(constant(3 * SR), constant(3 * SR), 'linear');
    const out = mixdown({ ...plan, fadeInSamples: 100, fadeOutSamples: 200, fadeCurve: 'linear' });
    expect(out[0]).toBeCloseTo(0.005, 7);
    expect(out[99]).toBeCloseTo(0.995, 7);
    expect(out[100]).toBe(1);
    expect(out[out.length - 1]).toBeCloseTo(0.0025, 7);
    expect(out[out.length - 201]).toBe(1);
  });

  it('is deterministic: the same plan renders the same bits', () => {
    const plan = twoClips(noise(3 * SR, 5), noise(3 * SR, 6), 's-curve');
    expect(Buffer.from(mixdown(plan).buffer).equals(Buffer.from(mixdown(plan).buffer))).toBe(true);
  });

  it('rejects a seam outside the overlap and fractional positions', () => {
    expect(() => mixdown(twoClips(constant(3 * SR), constant(3 * SR), 'linear', [SR, 2.5 * SR]))).toThrow(
      'Mixdown: seam 0 [32000, 80000) lies outside the overlap [64000, 96000) of clips 0 and 1',
    );
    const plan = twoClips(constant(10), constant(10), 'linear');
    expect(() => mixdown({ ...plan, totalSamples: 10.5 })).toThrow(
      'Mixdown: total length 10.5 is not a whole sample count',
    );
    expect(() => mixdown({ ...plan, seams: [] })).toThrow('Mixdown: 2 clips need 1 seams, got 0');
  });
});
