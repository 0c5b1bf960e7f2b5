import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { highPassCoefficients, shelfCoefficients } from '../../../src/main/mixdown/k-weighting';
import { measureLoudness } from '../../../src/main/mixdown/loudness';
import { normaliseLoudness } from '../../../src/main/mixdown/normalise';
import { noise, sine } from './signals';

// ffmpeg's ebur128 filter on the same samples: integrated loudness (LUFS) and true peak (dBTP), to 0.1 dB.
function ffmpegEbur128(channels: Float32Array[], sampleRate: number): { i: number; tp: number } {
  const n = channels[0].length;
  const inter = new Float32Array(n * channels.length);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < channels.length; c++) inter[i * channels.length + c] = channels[c][i];
  const args = [
    '-hide_banner',
    '-nostats',
    '-f',
    'f32le',
    '-ar',
    String(sampleRate),
    '-ac',
    String(channels.length),
    '-i',
    '-',
    '-af',
    'ebur128=peak=true',
    '-f',
    'null',
    '-',
  ];
  const run = spawnSync('ffmpeg', args, { input: Buffer.from(inter.buffer), maxBuffer: 1 << 26 });
  const err = run.stderr.toString().split('Summary:')[1] ?? '';
  const i = Number(/I:\s+(-?[\d.]+) LUFS/.exec(err)?.[1]);
  const tp = Number(/True peak:\s+Peak:\s+(-?[\d.]+) dBFS/.exec(err)?.[1]);
  return { i, tp };
}

const add = (a: Float32Array, b: Float32Array): Float32Array => a.map((v, i) => v + b[i]);

describe('K-weighting', () => {
  it('reproduces the 48 kHz coefficients tabulated in BS.1770', () => {
    const s = shelfCoefficients(48000);
    const h = highPassCoefficients(48000);
    expect([s.b0, s.b1, s.b2, s.a1, s.a2].map((v) => v.toFixed(8))).toEqual([
      '1.53512486',
      '-2.69169619',
      '1.19839281',
      '-1.69065929',
      '0.73248077',
    ]);
    expect([h.a1, h.a2].map((v) => v.toFixed(8))).toEqual(['-1.99004745', '0.99007225']);
  });
});

describe('measureLoudness', () => {
  it('reads a 997 Hz full-scale sine in one channel as −3.01 LUFS, as the standard states', () => {
    const m = measureLoudness([sine(48000 * 5, 997, 48000, 1)], 48000);
    expect(m.integratedLufs).toBeCloseTo(-3.01, 1);
  });

  it('matches ffmpeg ebur128 on stereo music-like signals at 48 kHz', () => {
    const left = add(sine(48000 * 6, 440, 48000, 0.3), noise(48000 * 6, 1, 0.05));
    const right = add(sine(48000 * 6, 97, 48000, 0.2), noise(48000 * 6, 2, 0.02));
    const ours = measureLoudness([left, right], 48000);
    const ref = ffmpegEbur128([left, right], 48000);
    expect(Math.abs(ours.integratedLufs - ref.i)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(ours.truePeakDb - ref.tp)).toBeLessThanOrEqual(0.2);
  });

  it('matches ffmpeg ebur128 on gated material: loud and quiet passages with silence, mono 32 kHz', () => {
    const sr = 32000;
    const loud = add(sine(sr * 4, 220, sr, 0.5), noise(sr * 4, 3, 0.1));
    const quiet = noise(sr * 4, 4, 0.01);
    const x = new Float32Array(sr * 10);
    x.set(loud, 0);
    x.set(quiet, sr * 5);
    const ours = measureLoudness([x], sr);
    expect(Math.abs(ours.integratedLufs - ffmpegEbur128([x], sr).i)).toBeLessThanOrEqual(0.1);
  });

  it('finds inter-sample peaks above the sample peak (a sine at fs/4 sampled off its crests)', () => {
    const x = sine(48000, 12000, 48000, 0.5, Math.PI / 4);
    const m = measureLoudness([x], 48000);
    expect(m.samplePeakDb).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 3);
    expect(m.truePeakDb).toBeGreaterThan(m.samplePeakDb + 2.5);
    expect(m.truePeakDb).toBeLessThanOrEqual(20 * Math.log10(0.5) + 0.1);
  });

  it('reads silence as −Infinity', () => {
    expect(measureLoudness([new Float32Array(48000)], 48000).integratedLufs).toBe(-Infinity);
  });
});

describe('normaliseLoudness', () => {
  it('brings music to −14 LUFS, confirmed by ffmpeg', () => {
    const x = add(sine(48000 * 5, 330, 48000, 0.05), noise(48000 * 5, 7, 0.02));
    const r = normaliseLoudness([x], 48000, { targetLufs: -14, truePeakLimitDb: -1 });
    expect(r.peakLimited).toBe(false);
    expect(r.after.integratedLufs).toBeCloseTo(-14, 6);
    expect(Math.abs(ffmpegEbur128([x], 48000).i - -14)).toBeLessThanOrEqual(0.1);
  });

  it('limits peaks to reach the target with the true peak at most −1 dBTP, confirmed by ffmpeg', () => {
    const x = noise(48000 * 6, 9, 0.05);
    const burst = sine(96, 1000, 48000, 0.9);
    for (let at = 1000; at + 96 < x.length; at += 24000) x.set(burst, at);
    const r = normaliseLoudness([x], 48000, { targetLufs: -14, truePeakLimitDb: -1 });
    expect(r.peakLimited).toBe(true);
    expect(Math.abs(r.after.integratedLufs + 14)).toBeLessThan(0.05);
    const m = measureLoudness([x], 48000);
    expect(m.truePeakDb).toBeLessThanOrEqual(-1 + 1e-9);
    expect(m.integratedLufs).toBeCloseTo(r.after.integratedLufs, 6);
    const ref = ffmpegEbur128([x], 48000);
    expect(Math.abs(ref.i + 14)).toBeLessThanOrEqual(0.1);
    expect(ref.tp).toBeLessThanOrEqual(-0.9);
  });

  it('leaves silence alone', () => {
    const x = new Float32Array(48000);
    expect(normaliseLoudness([x], 48000, { targetLufs: -14, truePeakLimitDb: -1 }).gainDb).toBe(0);
    expect(x.every((v) => v === 0)).toBe(true);
  });
});
