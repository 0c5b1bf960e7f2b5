// models.provider: the studio asks its inference host (a real worker thread) where models run and why.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/service';
import { createInferenceGenerator } from '../../../src/main/bridge/inference-generator';
import { startWorkerHost } from '../../../src/inference/client/start-worker';
import { tempDir } from '../synth-media';

const tmp = tempDir('provider');
afterAll(() => tmp.remove());

describe('models.provider', () => {
  const host = createInferenceGenerator(() => startWorkerHost(), join(tmp.dir, 'cache'), {
    provider: 'cpu',
  });
  const studio = createStudio({
    libraryDir: join(tmp.dir, 'library'),
    bundleDirs: [],
    mediaUrl: (f) => f,
    provider: host.provider,
  });
  afterAll(async () => {
    await studio.dispose();
    await host.dispose();
  });

  it("reports the host's provider and the reason", async () => {
    expect(await studio['models.provider']()).toEqual({ provider: 'cpu', reason: 'requested' });
  });

  it('is null in a build without an inference engine', async () => {
    const bare = createStudio({ libraryDir: join(tmp.dir, 'bare'), bundleDirs: [], mediaUrl: (f) => f });
    try {
      expect(await bare['models.provider']()).toBeNull();
    } finally {
      await bare.dispose();
    }
  });

  it("follows the engine's provider request ('auto' on a machine without a GPU device: the CPU)", async () => {
    const auto = createInferenceGenerator(() => startWorkerHost(), join(tmp.dir, 'cache-auto'));
    try {
      const p = await auto.provider();
      expect(['cpu', 'webgpu', 'cuda', 'dml', 'coreml']).toContain(p.provider);
      expect(p.reason).toMatch(/^auto: /);
    } finally {
      await auto.dispose();
    }
  });
});
