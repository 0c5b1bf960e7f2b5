import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../synth-media';
import type { PromptCodes, WindowGenerator } from '../../../src/main/service/generator';
import { testGenerator, writeTestBundle } from './fixtures';
import { copySample, failure, makeStudio } from './helpers';

const tmp = tempDir('params');
afterAll(() => tmp.remove());

describe('generation settings and model choice', () => {
  const bundles = writeTestBundle(tmp.dir);
  writeTestBundle(tmp.dir, 'second-bundle');
  const odd = join(bundles, 'zz-odd-rate');
  mkdirSync(odd);
  const manifest = JSON.parse(readFileSync(join(bundles, 'test-bundle', 'model.json'), 'utf8'));
  writeFileSync(
    join(odd, 'model.json'),
    JSON.stringify({ ...manifest, id: 'zz-odd-rate', audio: { ...manifest.audio, sampleRate: 24000 } }),
  );
  const studio = makeStudio(tmp.dir);
  afterAll(() => studio.dispose());

  it('patches generation parameters as one undoable step', async () => {
    const s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    const next = await studio['project.setParams']({
      projectId: s.id,
      params: { temperature: 0.7, continuation: true },
    });
    expect(next.params).toEqual({ ...s.params, temperature: 0.7, continuation: true });
    expect(next.history.undoLabel).toBe('Change generation settings');
    expect((await studio['history.undo']({ projectId: s.id })).params).toEqual(s.params);
  });

  it('switches to another installed bundle of the same rate and refuses others', async () => {
    const [p] = await studio['project.recent']();
    expect((await studio['models.list']()).map((b) => b.id).sort()).toEqual([
      'second-bundle',
      'test-bundle',
      'zz-odd-rate',
    ]);
    const before = (await studio['project.open']({ projectId: p.id })).bundleId;
    expect(before).toBe('second-bundle'); // no trained bundle: the first one found
    const s = await studio['project.setBundle']({ projectId: p.id, bundleId: 'test-bundle' });
    expect(s.bundleId).toBe('test-bundle');
    expect(
      (await failure(() => studio['project.setBundle']({ projectId: p.id, bundleId: 'zz-odd-rate' }))).code,
    ).toBe('bad-bundle');
    expect(
      (await failure(() => studio['project.setBundle']({ projectId: p.id, bundleId: 'missing' }))).message,
    ).toMatch(/not installed/);
    expect((await studio['history.undo']({ projectId: p.id })).bundleId).toBe('second-bundle');
  });
});

describe('continuation', () => {
  it('prompts a window with the codes of the previous selected take over its overlap', async () => {
    const prompts: (PromptCodes | null)[] = [];
    const inner = testGenerator();
    const generator: WindowGenerator = (req, opts) => {
      prompts.push(req.prompt);
      return inner(req, opts);
    };
    const studio = makeStudio(tmp.dir, { libraryDir: join(tmp.dir, 'continuation-library'), generator });
    try {
      const s = await studio['project.openVideo']({ path: copySample(tmp.dir, 'continued.mp4') });
      await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
      await studio['project.setParams']({
        projectId: s.id,
        params: { continuation: true, continuationSeconds: 2 },
      });
      await studio['generate.windows']({ projectId: s.id, windowIndices: [0] });
      await studio.idle();
      await studio['generate.windows']({ projectId: s.id, windowIndices: [1] });
      await studio.idle();
      expect(prompts[0]).toBeNull();
      // Window 0 is [0, 64000): 100 frames of codes (i·7 + seed) mod 2048; window 1 starts at 48000 = frame 75,
      // and the 16000-sample overlap is 25 frames (shorter than the 2 s asked for).
      const p = prompts[1]!;
      expect(p.frames).toBe(25);
      const expected = Array.from(
        { length: 4 * 25 },
        (_, j) => ((Math.floor(j / 25) * 100 + 75 + (j % 25)) * 7) % 2048,
      );
      expect(Array.from(p.codes)).toEqual(expected);
      // The take records what it continued; a shorter prompt (0.2 s = 10 frames) starts at the overlap.
      const rows = studio.context.db
        .prepare(
          'SELECT t.id, w.idx, t.continued_take_id, t.continued_from, t.continued_frames FROM takes t JOIN windows w ON w.id = t.window_id ORDER BY w.idx',
        )
        .all() as { id: string; idx: number; continued_take_id: string | null }[];
      expect(rows).toEqual([
        { id: rows[0]!.id, idx: 0, continued_take_id: null, continued_from: null, continued_frames: null },
        { id: rows[1]!.id, idx: 1, continued_take_id: rows[0]!.id, continued_from: 75, continued_frames: 25 },
      ]);
      await studio['project.setParams']({ projectId: s.id, params: { continuationSeconds: 0.2 } });
      await studio['generate.windows']({ projectId: s.id, windowIndices: [1] });
      await studio.idle();
      expect(prompts[2]!.frames).toBe(10);
      expect(Array.from(prompts[2]!.codes.subarray(0, 10))).toEqual(expected.slice(0, 10));
    } finally {
      await studio.dispose();
    }
  });
});
