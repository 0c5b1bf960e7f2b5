import { cpSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { Engine } from '../../../src/inference/pipeline/engine';
import { tempDir } from '../frames/media';
import { makeTinyBundle } from './tiny-bundle';

let bundle: string;
const copy = (name: string): string => {
  const to = join(tempDir('bad-bundle'), name);
  cpSync(bundle, to, { recursive: true });
  rmSync(join(to, '.verified.json'), { force: true });
  return to;
};

async function openError(dir: string): Promise<AppError> {
  const e = await Engine.open(dir).then(
    async (x) => (await x.dispose(), null),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(async () => {
  bundle = await makeTinyBundle();
});

describe('Engine.open', () => {
  it('loads every graph of a bundle', async () => {
    const e = await Engine.open(bundle);
    expect(e.manifest.id).toBe('tiny-test');
    expect(e.provider).toBe('cpu');
    expect(e.visualIdentity).toMatch(/^[0-9a-f]{64}/);
    await e.dispose();
  });

  it('runs the 8-bit decoder by default (the fastest variant that passed the quality gate) and fp32 on request', async () => {
    const shipped = join('resources', 'models', 'tiny-untrained');
    const variants = JSON.parse(readFileSync(join(shipped, 'model.json'), 'utf8')).graphs.map(
      (g: { variant: string }) => g.variant,
    );
    expect(variants).toEqual(expect.arrayContaining(['fp32', 'q8', 'q4']));
    const auto = await Engine.open(shipped);
    expect(auto.decoder.variant).toBe('q8');
    await auto.dispose();
    const exact = await Engine.open(shipped, { decoderVariant: 'fp32' });
    expect(exact.decoder.variant).toBe('fp32');
    await exact.dispose();
  });

  it('names a folder without model.json as a bad bundle', async () => {
    const e = await openError(tempDir('no-bundle'));
    expect(e.code).toBe('bad-bundle');
    expect(e.message).toContain('model.json');
  });

  it('names a truncated graph file', async () => {
    const dir = copy('truncated');
    truncateSync(join(dir, 'lstv.onnx'), 100);
    const e = await openError(dir);
    expect(e.code).toBe('bad-bundle');
    expect(e.message).toContain('lstv.onnx');
  });

  it('names a corrupt manifest', async () => {
    const dir = copy('corrupt');
    writeFileSync(join(dir, 'model.json'), readFileSync(join(dir, 'model.json'), 'utf8').slice(0, 50));
    const e = await openError(dir);
    expect(e.code).toBe('bad-bundle');
    expect(e.message).toContain('model.json');
  });
});
