import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { tempDir } from '../synth-media';
import { writeTestBundle } from './fixtures';
import { copySample, makeStudio } from './helpers';

const tmp = tempDir('params');
afterAll(() => tmp.remove());

async function failure(call: () => unknown): Promise<AppError> {
  try {
    await call();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}

describe('generation settings and model choice', () => {
  const bundles = writeTestBundle(tmp.dir);
  writeTestBundle(tmp.dir, 'second-bundle');
  const odd = join(bundles, 'zz-odd-rate');
  mkdirSync(odd);
  const manifest = JSON.parse(readFileSync(join(bundles, 'test-bundle', 'model.json'), 'utf8'));
  writeFileSync(join(odd, 'model.json'), JSON.stringify({ ...manifest, id: 'zz-odd-rate', audio: { ...manifest.audio, sampleRate: 24000 } }));
  const studio = makeStudio(tmp.dir);
  afterAll(() => studio.dispose());

  it('patches generation parameters as one undoable step', async () => {
    const s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    const next = await studio['project.setParams']({ projectId: s.id, params: { temperature: 0.7, continuation: true } });
    expect(next.params).toEqual({ ...s.params, temperature: 0.7, continuation: true });
    expect(next.history.undoLabel).toBe('Change generation settings');
    expect((await studio['history.undo']({ projectId: s.id })).params).toEqual(s.params);
  });

  it('switches to another installed bundle of the same rate and refuses others', async () => {
    const [p] = await studio['project.recent']();
    expect((await studio['models.list']()).map((b) => b.id).sort()).toEqual(['second-bundle', 'test-bundle', 'zz-odd-rate']);
    const before = (await studio['project.open']({ projectId: p.id })).bundleId;
    expect(before).toBe('second-bundle'); // no trained bundle: the first one found
    const s = await studio['project.setBundle']({ projectId: p.id, bundleId: 'test-bundle' });
    expect(s.bundleId).toBe('test-bundle');
    expect((await failure(() => studio['project.setBundle']({ projectId: p.id, bundleId: 'zz-odd-rate' }))).code).toBe('bad-bundle');
    expect((await failure(() => studio['project.setBundle']({ projectId: p.id, bundleId: 'missing' }))).message).toMatch(/not installed/);
    expect((await studio['history.undo']({ projectId: p.id })).bundleId).toBe('second-bundle');
  });
});
