import { beforeAll, describe, expect, it } from 'vitest';
import { blackFrames } from '../../../src/inference/frames/normalize';
import { EnginePool } from '../../../src/inference/host/engine-pool';
import type { Engine } from '../../../src/inference/pipeline/engine';
import { encodeFrames } from '../../../src/inference/pipeline/encode-frames';
import { makeTinyBundle } from '../pipeline/tiny-bundle';

const SHIPPED = new URL('../../../resources/models/tiny-untrained', import.meta.url).pathname;
let fixture = '';

/** Runs the visual encoder once: throws if the engine's sessions were released. */
const touch = (e: Engine): Promise<unknown> =>
  encodeFrames(
    e.visual,
    blackFrames({ fps: 2, width: e.manifest.video.imageSize, height: e.manifest.video.imageSize }, 1),
    e.manifest.video,
  );

beforeAll(async () => {
  fixture = await makeTinyBundle();
});

describe('EnginePool', () => {
  it('keeps one engine for repeated jobs on the same bundle', async () => {
    const pool = new EnginePool();
    const a = await pool.use(fixture, undefined, async (e) => e);
    const b = await pool.use(fixture, undefined, async (e) => e);
    expect(b).toBe(a);
    await pool.dispose();
  });

  it('switches bundle without pulling sessions from under a running job, then releases the old engine', async () => {
    const pool = new EnginePool();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let first: Engine | null = null;
    const running = pool.use(fixture, undefined, async (e) => {
      first = e;
      await gate;
      await touch(e);
      return e.manifest.id;
    });
    while (!first) await new Promise((r) => setTimeout(r, 5));
    expect(await pool.use(SHIPPED, undefined, async (e) => e.manifest.id)).toBe('tiny-untrained');
    open();
    expect(await running).toBe('tiny-test');
    await expect(touch(first)).rejects.toThrow('used after dispose');
    await pool.dispose();
  });

  it('forgets a bundle that fails to open, so the next job tries again', async () => {
    const pool = new EnginePool();
    await expect(pool.use('/nonexistent/bundle', undefined, async () => 1)).rejects.toMatchObject({
      code: 'bad-bundle',
    });
    expect(await pool.use(fixture, undefined, async (e) => e.manifest.id)).toBe('tiny-test');
    await pool.dispose();
  });
});
