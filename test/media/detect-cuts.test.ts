import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planWindows } from '../../src/shared/timeline/window-plan';
import { cachedCuts, CutsCache, cutsKey } from '../../src/media/cuts-cache';
import { DEFAULT_CUT_DETECTOR, detectCuts, parseScdetLine } from '../../src/media/detect-cuts';
import { AppError } from '../../src/shared/errors';
import { planAtCuts } from '../../src/shared/timeline/scene-plan';
import { ffmpeg, tempDir } from '../main/synth-media';
import { cutVideo } from './cut-video';

const t = tempDir('cuts');
afterAll(() => t.remove());

const SR = 32000;
const geo = { sampleRate: SR, hopLength: 640, maxWindowSeconds: 30 };
const limits = { minWindowSamples: 8 * SR, maxWindowSamples: 30 * SR };
const plan = (seconds: number) => planWindows(seconds * SR, geo, { windowSeconds: 30, overlapSeconds: 2 });

describe('detectCuts', () => {
  const CUTS = [7.4, 15.2, 22.8, 31, 58.6];
  const video = cutVideo(join(t.dir, 'cuts.mp4'), 75, CUTS);

  it('finds each hard cut within one frame, and reports decoded time up to the end', async () => {
    const done: number[] = [];
    const cuts = await detectCuts(video, { durationSeconds: 75, onProgress: (p) => done.push(p.done) });
    expect(cuts.map((c) => c.seconds)).toHaveLength(CUTS.length);
    cuts.forEach((c, i) => expect(Math.abs(c.seconds - CUTS[i])).toBeLessThanOrEqual(0.04));
    for (const c of cuts) expect(c.score).toBeGreaterThanOrEqual(10);
    expect(done.at(-1)).toBe(75000);
  });

  it('plans seams centred within 0.5 s of each detected cut, no window longer than 30 s', async () => {
    const cuts = await detectCuts(video, { durationSeconds: 75 });
    const p = planAtCuts(
      plan(75),
      cuts.map((c) => Math.round(c.seconds * SR)),
      limits,
    );
    const centres = p.windows.slice(1).map((w, i) => (w.start + p.windows[i].end) / 2 / SR);
    for (const c of CUTS) expect(Math.min(...centres.map((m) => Math.abs(m - c)))).toBeLessThanOrEqual(0.5);
    for (const w of p.windows) expect(w.end - w.start).toBeLessThanOrEqual(30 * SR);
    expect(p.windows.at(-1)!.end).toBe(75 * SR);
  });

  it('finds no cut in a video of one shot, which keeps the ordinary plan', async () => {
    const one = cutVideo(join(t.dir, 'one-shot.mp4'), 20, []);
    expect(await detectCuts(one, { durationSeconds: 20 })).toEqual([]);
    const o = plan(20);
    expect(planAtCuts(o, [], limits).windows).toEqual(o.windows.map((w) => ({ start: w.start, end: w.end })));
  });

  it('gives a 2-minute single shot the ordinary 28 s stride', async () => {
    const long = cutVideo(join(t.dir, 'two-minutes.mp4'), 120, [], '192x108');
    const cuts = await detectCuts(long, { durationSeconds: 120 });
    expect(cuts).toEqual([]);
    const p = planAtCuts(
      plan(120),
      cuts.map((c) => Math.round(c.seconds * SR)),
      limits,
    );
    expect(p.windows.map((w) => w.start / SR)).toEqual([0, 28, 56, 84, 112]);
    expect(p.windows.map((w) => w.end / SR)).toEqual([30, 58, 86, 114, 120]);
  });

  it('stops when cancelled, with a cancellation error', async () => {
    const ac = new AbortController();
    const run = detectCuts(video, {
      durationSeconds: 75,
      signal: ac.signal,
      onProgress: (p) => (p.done > 0 ? ac.abort() : undefined),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('names a file without a picture', async () => {
    const audio = join(t.dir, 'tone.m4a');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:a', 'aac', audio]);
    const err = await detectCuts(audio, { durationSeconds: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'no-video-stream' });
    expect((err as Error).message).toContain('tone.m4a has no video stream');
  });
});

describe('parseScdetLine', () => {
  it('reads the score and time of a scdet report and nothing else', () => {
    expect(parseScdetLine('[scdet @ 0x55d] lavfi.scd.score: 45.120, lavfi.scd.time: 12.04')).toEqual({
      seconds: 12.04,
      score: 45.12,
    });
    expect(parseScdetLine('frame=  10 fps=0.0 q=-0.0 size=N/A time=00:00:00.40')).toBeNull();
  });
});

describe('cachedCuts', () => {
  it('detects once per video content and reads the cuts back afterwards, from an atomic file', async () => {
    const video = cutVideo(join(t.dir, 'cached.mp4'), 12, [5]);
    const cache = new CutsCache(join(t.dir, 'cache'));
    const src = { path: video, contentHash: 'sha256:test-cached', durationSeconds: 12 };
    const first = await cachedCuts(cache, src);
    expect(first.cached).toBe(false);
    expect(first.cuts.map((c) => c.seconds)).toEqual([5]);
    const second = await cachedCuts(cache, { ...src, path: join(t.dir, 'gone.mp4') });
    expect(second).toEqual({ cuts: first.cuts, cached: true });
    expect(readdirSync(join(t.dir, 'cache')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('treats a damaged file as a miss and a cancelled detection as no entry', async () => {
    const cache = new CutsCache(join(t.dir, 'cache2'));
    const key = cutsKey('sha256:damaged', DEFAULT_CUT_DETECTOR);
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(cache.pathOf(key), '{"key":"');
    expect(await cache.get(key)).toBeNull();
    const ac = new AbortController();
    ac.abort();
    const src = { path: join(t.dir, 'cuts.mp4'), contentHash: 'sha256:cancelled', durationSeconds: 75 };
    await expect(cachedCuts(cache, src, { signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(await cache.get(cutsKey('sha256:cancelled', DEFAULT_CUT_DETECTOR))).toBeNull();
  });
});
