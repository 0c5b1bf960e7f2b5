import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { FeatureCache } from '../../../src/inference/cache/feature-cache';
import { analyseVideo } from '../../../src/inference/pipeline/analyse-video';
import { windowContext } from '../../../src/inference/pipeline/global-features';
import { Engine } from '../../../src/inference/pipeline/engine';
import { encodeAudio } from '../../../src/inference/pipeline/decode-audio';
import { generateWindow } from '../../../src/inference/pipeline/generate-window';
import { scoreVideo } from '../../../src/inference/pipeline/score-video';
import { tempDir, testVideo } from '../frames/media';
import { makeTinyBundle, TEST_PARAMS } from './tiny-bundle';
import { SAMPLE_VIDEO } from '../../fixtures/paths';

const SAMPLE = SAMPLE_VIDEO;
const dir = tempDir('pipeline');
let engine: Engine;

/** Columns [from, from + n) of codes [K, frames]. */
function columns(codes: Int32Array, K: number, from: number, n: number): number[] {
  const frames = codes.length / K;
  return Array.from({ length: K }, (_, k) => [
    ...codes.subarray(k * frames + from, k * frames + from + n),
  ]).flat();
}

beforeAll(async () => {
  engine = await Engine.open(await makeTinyBundle(), { intraOpThreads: 1 });
  testVideo(join(dir, 'long.mp4'), 95, '64x48', 5);
  testVideo(join(dir, 'short.mp4'), 0.3, '97x55', 25);
});
afterAll(() => engine?.dispose());

describe('scoreVideo', () => {
  it('scores the sample in one window exactly as long as the video, repeatably, with CLIP run once', async () => {
    const cache = new FeatureCache(join(dir, 'cache-a'));
    const first = await scoreVideo(engine, cache, { videoPath: SAMPLE, params: TEST_PARAMS });
    expect(first.plan.windows).toEqual([{ index: 0, start: 0, end: 163200, codecFrames: 255 }]);
    expect(first.takes[0]!.pcm.length).toBe(163200);
    expect(first.takes[0]!.codes.length).toBe(4 * 255);
    expect(first.featuresCached).toBe(false);
    const clip = engine.stats.clipFrames;
    const again = await scoreVideo(engine, cache, { videoPath: SAMPLE, params: TEST_PARAMS });
    expect(again.featuresCached).toBe(true);
    expect(engine.stats.clipFrames).toBe(clip);
    expect(Buffer.from(again.takes[0]!.pcm.buffer).equals(Buffer.from(first.takes[0]!.pcm.buffer))).toBe(
      true,
    );
  });

  it('scores a 95 s video through four windows whose overlaps continue the previous take', async () => {
    const r = await scoreVideo(engine, new FeatureCache(join(dir, 'cache-b')), {
      videoPath: join(dir, 'long.mp4'),
      params: TEST_PARAMS,
    });
    expect(r.plan.windows.map((w) => [w.start, w.end])).toEqual([
      [0, 960000],
      [896000, 1856000],
      [1792000, 2752000],
      [2688000, 3040000],
    ]);
    expect(r.takes.map((t) => t.pcm.length)).toEqual([960000, 960000, 960000, 352000]);
    for (let i = 1; i < r.takes.length; i++) {
      const prev = r.takes[i - 1]!;
      expect(columns(r.takes[i]!.codes, 4, 0, 100)).toEqual(columns(prev.codes, 4, 1400, 100));
    }
    expect(r.promptFrames).toEqual([0, 100, 100, 100]);
  });

  it('scores a video shorter than one frame period from its single frame', async () => {
    const r = await scoreVideo(engine, new FeatureCache(join(dir, 'cache-e')), {
      videoPath: join(dir, 'short.mp4'),
      params: TEST_PARAMS,
    });
    expect(r.plan.windows).toEqual([{ index: 0, start: 0, end: 10240, codecFrames: 16 }]); // 8 frames at 25 fps: 0.32 s
    expect(r.takes[0]!.pcm.length).toBe(10240);
  });

  it('rejects as cancelled when aborted during generation', async () => {
    const ac = new AbortController();
    const e = await scoreVideo(
      engine,
      new FeatureCache(join(dir, 'cache-c')),
      { videoPath: SAMPLE, params: TEST_PARAMS },
      {
        signal: ac.signal,
        onProgress: (p) => p.stage === 'decode' && p.done > 10 && ac.abort(),
      },
    ).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('cancelled');
  });
});

describe('generateWindow', () => {
  it('regenerates one window of an analysed video without running CLIP', async () => {
    const cache = new FeatureCache(join(dir, 'cache-d'));
    const ctx = await windowContext(engine, await analyseVideo(engine, SAMPLE, cache), SAMPLE, cache);
    const before = engine.stats.clipFrames;
    const reanalysed = await analyseVideo(engine, SAMPLE, cache);
    expect(reanalysed.cached).toBe(true);
    const again = await windowContext(engine, reanalysed, SAMPLE, cache);
    const range = { start: 64000, end: 163200 };
    const a = await generateWindow(engine, again, range, TEST_PARAMS);
    const b = await generateWindow(engine, ctx, range, { ...TEST_PARAMS, seed: 8 });
    expect(engine.stats.clipFrames).toBe(before);
    expect([a.pcm.length, a.codecFrames]).toEqual([99200, 155]);
    expect([...a.codes]).not.toEqual([...b.codes]);
  });

  it('encodes an audio prompt to whole codec frames, and refuses it when the codec outnumbers the decoder vocabulary', async () => {
    const cache = new FeatureCache(join(dir, 'cache-d'));
    const ctx = await windowContext(engine, await analyseVideo(engine, SAMPLE, cache), SAMPLE, cache);
    const first = await generateWindow(engine, ctx, { start: 0, end: 99200 }, TEST_PARAMS);
    const tail = first.pcm.slice(64000);
    const encoded = await encodeAudio(engine.codecEncoder!, tail, 640);
    expect([encoded.frames, encoded.codes.length]).toEqual([55, 4 * 55]);
    // The fixture's codec has 2048 codes per codebook, its decoder 64: continuing from audio cannot work.
    const e = await generateWindow(engine, ctx, { start: 64000, end: 163200 }, TEST_PARAMS, {
      promptPcm: tail,
    }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('bad-bundle');
    expect((e as AppError).message).toContain('2048 codes per codebook but the decoder knows 64');
  });

  it('refuses a range that does not start on a codec frame or runs past the video', async () => {
    const cache = new FeatureCache(join(dir, 'cache-d'));
    const ctx = await windowContext(engine, await analyseVideo(engine, SAMPLE, cache), SAMPLE, cache);
    for (const range of [
      { start: 100, end: 6400 },
      { start: 0, end: 163201 },
    ]) {
      const e = await generateWindow(engine, ctx, range, TEST_PARAMS).catch((x: unknown) => x);
      expect((e as AppError).code).toBe('invalid-input');
    }
  });
});

describe('continuation with the shipped tiny bundle (codec and decoder share 1024 codes)', () => {
  it('starts the take with exactly the codes of the prompt PCM', async () => {
    const shipped = await Engine.open(
      new URL('../../../resources/models/tiny-untrained', import.meta.url).pathname,
      { intraOpThreads: 1 },
    );
    try {
      const cache = new FeatureCache(join(dir, 'cache-f'));
      const ctx = await windowContext(shipped, await analyseVideo(shipped, SAMPLE, cache), SAMPLE, cache);
      const first = await generateWindow(shipped, ctx, { start: 0, end: 99200 }, TEST_PARAMS);
      const tail = first.pcm.slice(64000);
      const next = await generateWindow(shipped, ctx, { start: 64000, end: 163200 }, TEST_PARAMS, {
        promptPcm: tail,
      });
      const encoded = await encodeAudio(shipped.codecEncoder!, tail, 640);
      expect(encoded.frames).toBe(55);
      expect(columns(next.codes, 4, 0, 55)).toEqual([...encoded.codes]);
      expect(next.pcm.length).toBe(99200);
    } finally {
      await shipped.dispose();
    }
  });
});
