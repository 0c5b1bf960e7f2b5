import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { Progress } from '../../../src/shared/progress';
import { InferenceClient } from '../../../src/inference/client/inference-client';
import type { EngineRef, InferenceJobs } from '../../../src/inference/client/jobs';
import { startWorkerHost } from '../../../src/inference/client/start-worker';
import { tempDir } from '../frames/media';
import { makeTinyBundle, TEST_PARAMS } from '../pipeline/tiny-bundle';
import { SAMPLE_VIDEO } from '../../fixtures/paths';

const SAMPLE = SAMPLE_VIDEO;
const client = new InferenceClient<InferenceJobs>(() => startWorkerHost());
let engine: EngineRef;

beforeAll(async () => {
  engine = {
    modelDir: await makeTinyBundle(),
    cacheDir: tempDir('host-cache'),
    options: { intraOpThreads: 1 },
  };
});
afterAll(() => client.dispose());

describe('the inference host (worker)', () => {
  it('scores a video off the main thread with staged progress', async () => {
    const seen: Progress[] = [];
    const r = await client.run(
      'score',
      { engine, request: { videoPath: SAMPLE, params: TEST_PARAMS } },
      { onProgress: (p) => seen.push(p) },
    );
    expect(r.takes.map((t) => t.pcm.length)).toEqual([163200]);
    expect(r.takes[0]!.pcm).toBeInstanceOf(Float32Array);
    expect(r.clipFrames).toBe(44); // 11 frames at 2 fps, 32 global frames, the black null frame
    const stages = [...new Set(seen.map((p) => p.stage))];
    expect(stages).toEqual(['frames', 'features', 'lstv', 'decode', 'codec']);
    const decode = seen.filter((p) => p.stage === 'decode');
    // The detail names the window, then the provider and precision the host runs (cpu here unless a GPU is found).
    expect(decode[decode.length - 1]).toMatchObject({
      done: 258,
      total: 258,
      detail: expect.stringMatching(/^window 1 of 1 · (cpu|webgpu|cuda) · \w[\w-]*$/),
    });
  });

  it('regenerates a window of an analysed video without CLIP', async () => {
    const a = await client.run('analyse', { engine, videoPath: SAMPLE });
    expect(a).toMatchObject({ frames: 11, totalSamples: 163200, cached: true, clipFrames: 0 });
    const w = await client.run('generateWindow', {
      engine,
      videoPath: SAMPLE,
      range: { start: 0, end: 32000 },
      params: TEST_PARAMS,
    });
    expect([w.clipFrames, w.take.pcm.length, w.take.codecFrames]).toEqual([0, 32000, 50]);
  });

  it('keys the features by the hash the caller passes instead of hashing the video again', async () => {
    const real = createHash('sha256').update(readFileSync(SAMPLE)).digest('hex');
    const known = await client.run('analyse', { engine, videoPath: SAMPLE, videoHash: real });
    expect(known).toMatchObject({ videoHash: real, cached: true, clipFrames: 0 });
    // Another hash is another cache key: the features are computed afresh and stored under it.
    const other = 'f'.repeat(64);
    const fresh = await client.run('analyse', { engine, videoPath: SAMPLE, videoHash: other });
    expect(fresh).toMatchObject({ videoHash: other, cached: false });
    expect(fresh.clipFrames).toBeGreaterThanOrEqual(11);
  });

  it('returns typed errors for a bad bundle and a bad video, and keeps serving', async () => {
    const bad = await client
      .run('analyse', { engine: { ...engine, modelDir: tempDir('none') }, videoPath: SAMPLE })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe('bad-bundle');
    const missing = await client
      .run('analyse', { engine, videoPath: '/nonexistent/video.mp4' })
      .catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('not-found');
    expect(await client.run('ping', { echo: 'still here' })).toEqual({ echo: 'still here' });
  });

  it('starts from sources under npx tsx as well', () => {
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const script = new URL('./tsx-client.ts', import.meta.url).pathname;
    const out = execFileSync(tsx, [script, engine.modelDir, engine.cacheDir, SAMPLE], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ ping: { echo: 'tsx' }, frames: 11, totalSamples: 163200 });
  });
});
