// The studio with the real inference host on the tiny bundle: a generated take is stored with exactly the
// PCM the engine produced for that seed, and its codes file holds the engine's codes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkerHost } from '../../../src/inference';
import { createInferenceGenerator } from '../../../src/main/bridge/inference-generator';
import { createStudio } from '../../../src/main/service';
import { decodeWavFloat } from '../../../src/shared/timeline/wav';
import { synthVideo, tempDir } from '../synth-media';

const tmp = tempDir('studio-inference');
const engine = createInferenceGenerator(() => startWorkerHost(), path.join(tmp.dir, 'cache'));
afterAll(() => {
  engine.dispose();
  tmp.remove();
});

describe('studio with the inference host', () => {
  it('stores a generated window as a take with the engine output', async () => {
    const video = synthVideo(path.join(tmp.dir, 'clip.mp4'), { seconds: 1.5 });
    const studio = createStudio({
      libraryDir: path.join(tmp.dir, 'library'),
      bundleDirs: [path.resolve('resources/models')],
      mediaUrl: (f) => f,
      generator: engine.generator,
    });
    const s = await studio['project.openVideo']({ path: video });
    expect(s.bundleId).toBe('tiny-untrained');
    expect(s.windows.map((w) => [w.start, w.end])).toEqual([[0, s.totalSamples]]);
    const { jobIds } = await studio['generate.windows']({ projectId: s.id, windowIndices: [0] });
    await studio.idle();
    const job = (await studio['jobs.list']()).find((j) => j.id === jobIds[0])!;
    expect(job.error).toBeNull();
    const after = await studio['project.open']({ projectId: s.id });
    const take = after.windows[0].takes[0];
    expect(after.windows[0].selectedTakeId).toBe(take.id);
    const direct = await engine.generator(
      {
        bundlePath: path.resolve('resources/models/tiny-untrained'),
        bundleId: 'tiny-untrained',
        videoPath: video,
        videoHash: s.media.contentHash,
        start: 0,
        end: s.totalSamples,
        sampleRate: 32000,
        totalSamples: s.totalSamples,
        params: take.params,
        prompt: null,
      },
      {},
    );
    expect(decodeWavFloat(readFileSync(take.audioUrl)).pcm).toEqual(direct.pcm);
    const row = studio.context.db.prepare('SELECT codes_hash FROM takes WHERE id = ?').get(take.id) as {
      codes_hash: string;
    };
    const codes = readFileSync(studio.context.files.path(row.codes_hash, 'i32'));
    expect(
      Buffer.compare(
        codes,
        Buffer.from(direct.codes.buffer, direct.codes.byteOffset, direct.codes.byteLength),
      ),
    ).toBe(0);
    await studio.dispose();
  });
});
