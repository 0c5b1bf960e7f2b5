import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/service';
import { createInferenceGenerator } from '../../../src/main/bridge/inference-generator';
import { startWorkerHost } from '../../../src/inference/client/start-worker';
import { tempDir } from '../synth-media';
import { REFERENCE_DIR } from '../../fixtures/paths';

const tmp = tempDir('import');
afterAll(() => tmp.remove());
const TINY = resolve('resources/models/tiny-untrained');

describe('models.import and models.convert', () => {
  const userDir = join(tmp.dir, 'user-models');
  // Conversion runs in a real inference host (a worker thread), as in the app: the precision gate runs graphs.
  const host = createInferenceGenerator(() => startWorkerHost(), join(tmp.dir, 'feature-cache'));
  const studio = createStudio({
    libraryDir: join(tmp.dir, 'library'),
    bundleDirs: [userDir],
    mediaUrl: (f) => f,
    converter: host.converter,
  });
  afterAll(async () => {
    await studio.dispose();
    await host.dispose();
  });
  const importJob = async (path: string) => {
    const { jobId } = await studio['models.import']({ path });
    await studio.idle();
    return (await studio['jobs.list']()).find((j) => j.id === jobId)!;
  };

  it('installs a verified copy of a bundle and lists it', async () => {
    const job = await importJob(TINY);
    expect(job).toMatchObject({ status: 'done', result: join(userDir, 'tiny-untrained'), kind: 'import' });
    expect(
      (await studio['models.list']()).map((b) => [b.id, b.sampleRate, b.maxWindowSeconds, b.trained]),
    ).toEqual([['tiny-untrained', 32000, 30, false]]);
    const precision = (await studio['models.list']())[0]!.precision!;
    expect(precision.default).toBe('q8');
    expect(precision.variants.map((v) => [v.variant, v.passed])).toEqual([
      ['fp32', true],
      ['q8', true],
      ['q4', false],
    ]);
    expect(readFileSync(join(userDir, 'tiny-untrained', 'model.json'))).toEqual(
      readFileSync(join(TINY, 'model.json')),
    );
  });

  it('refuses a bundle already installed and a damaged one, leaving nothing behind', async () => {
    const again = await importJob(TINY);
    expect(again.error).toMatchObject({ code: 'invalid-input' });
    const damaged = join(tmp.dir, 'damaged');
    cpSync(TINY, damaged, { recursive: true });
    const data = readFileSync(join(damaged, 'codec_decoder.onnx.data'));
    data[100] ^= 0xff;
    writeFileSync(join(damaged, 'codec_decoder.onnx.data'), data);
    const bad = await importJob(damaged);
    expect(bad.error?.code).toBe('bad-bundle');
    expect(bad.error?.message).toContain('codec_decoder.onnx.data');
    // A retry reads the folder again: one removed since the first attempt fails the job, leaving nothing.
    rmSync(damaged, { recursive: true });
    const { jobId } = await studio['jobs.retry']({ jobId: bad.id });
    await studio.idle();
    expect((await studio['jobs.list']()).find((j) => j.id === jobId)!.error?.code).toBe('bad-bundle');
    expect(readdirSync(userDir)).toEqual(['tiny-untrained']);
  });

  it('converts the reference checkpoint into a listed bundle', async () => {
    const fixture = REFERENCE_DIR;
    const { jobId } = await studio['models.convert']({
      lmPath: `${fixture}/lm/state_dict.bin`,
      codecDir: `${fixture}/codec`,
      fp16: false,
    });
    await studio.idle();
    const job = (await studio['jobs.list']()).find((j) => j.id === jobId)!;
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    const id = job.result!.split('/').pop();
    expect((await studio['models.list']()).map((b) => b.id)).toContain(id);
    // The host ran the precision gate on the new bundle's own weights.
    const manifest = JSON.parse(readFileSync(join(job.result!, 'model.json'), 'utf8'));
    expect(manifest.precision.default).toMatch(/^(fp32|q8|q4|q8-kv8)$/);
  });
});

describe('models.import beside shipped models', () => {
  it('refuses a bundle whose id another model folder already holds, leaving the user folder empty', async () => {
    const shipped = dirname(TINY);
    const userDir = join(tmp.dir, 'second-user-models');
    const studio = createStudio({
      libraryDir: join(tmp.dir, 'library-2'),
      bundleDirs: [shipped, userDir],
      mediaUrl: (f) => f,
    });
    try {
      const { jobId } = await studio['models.import']({ path: TINY });
      await studio.idle();
      const job = (await studio['jobs.list']()).find((j) => j.id === jobId)!;
      expect(job.error).toEqual({
        code: 'invalid-input',
        message: `A bundle with id "tiny-untrained" is already installed at ${TINY}.`,
      });
      expect(readdirSync(userDir)).toEqual([]);
    } finally {
      await studio.dispose();
    }
  });
});
