// The composition roots' generator against the real inference host (a worker running the tiny bundle):
// exact window length, reproducible for a seed, and a cancelled job ends as 'cancelled'.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkerHost } from '../../../src/inference';
import { createInferenceGenerator } from '../../../src/main/bridge/inference-generator';
import type { WindowRequest } from '../../../src/main/service';
import { AppError } from '../../../src/shared/errors';
import { synthVideo, tempDir } from '../synth-media';

const tmp = tempDir('inference-generator');
const video = synthVideo(path.join(tmp.dir, 'clip.mp4'), { seconds: 2 });
const engine = createInferenceGenerator(() => startWorkerHost(), path.join(tmp.dir, 'cache'));
afterAll(async () => {
  await engine.dispose();
  tmp.remove();
});

const request: WindowRequest = {
  bundlePath: path.resolve('resources/models/tiny-untrained'),
  bundleId: 'tiny-untrained',
  videoPath: video,
  videoHash: 'unused-by-the-host',
  start: 0,
  end: 16000,
  sampleRate: 32000,
  totalSamples: 64000,
  params: {
    seed: 7,
    temperature: 1,
    topK: 50,
    topP: 0,
    cfgCoef: 3,
    globalFrames: 4,
    continuation: false,
    continuationSeconds: 0,
  },
  prompt: null,
};

describe('createInferenceGenerator', () => {
  it('generates exactly the window, the same for the same seed', async () => {
    const a = await engine.generator(request, {});
    expect(a.pcm.length).toBe(16000);
    expect(a.codes.length % 4).toBe(0);
    const b = await engine.generator(request, {});
    expect(Buffer.from(b.pcm.buffer).equals(Buffer.from(a.pcm.buffer))).toBe(true);
    expect(Array.from(b.codes)).toEqual(Array.from(a.codes));
  });
  it('continues from prompt codes: the take begins with exactly those codes and keeps the window length', async () => {
    const other = await engine.generator(
      { ...request, params: { ...request.params, seed: request.params.seed + 1 } },
      {},
    );
    const K = 4;
    const frames = other.codes.length / K;
    const count = 5;
    const codes = new Int32Array(K * count);
    for (let k = 0; k < K; k++) codes.set(other.codes.subarray(k * frames, k * frames + count), k * count);
    const prompted = await engine.generator({ ...request, prompt: { codes, frames: count } }, {});
    expect(prompted.pcm.length).toBe(16000);
    expect(prompted.codes.length).toBe(other.codes.length);
    for (let k = 0; k < K; k++)
      expect(Array.from(prompted.codes.subarray(k * frames, k * frames + count))).toEqual(
        Array.from(codes.subarray(k * count, (k + 1) * count)),
      );
  });
  it("passes the editor's global frame count to the model: 4 and 32 global frames give different takes", async () => {
    const four = await engine.generator(request, {});
    const many = await engine.generator({ ...request, params: { ...request.params, globalFrames: 32 } }, {});
    expect(many.pcm.length).toBe(16000);
    expect(Array.from(many.codes)).not.toEqual(Array.from(four.codes));
  });
  it('ends a cancelled job as cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const error = await engine.generator(request, { signal: ac.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
  });
});
