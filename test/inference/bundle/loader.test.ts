import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../src/inference/bundle/loader';
import type { BundleManifest } from '../../../src/inference/bundle/types';
import { tmpDir } from '../convert/helpers';

const TINY = 'resources/models/tiny-untrained';

/** A private copy of the tiny bundle that a test may damage. */
function copyTiny(): string {
  const dir = path.join(tmpDir('bundle'), 'b');
  fs.cpSync(TINY, dir, { recursive: true });
  fs.rmSync(path.join(dir, '.verified.json'), { force: true });
  return dir;
}

const manifestOf = (dir: string): BundleManifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as BundleManifest;
const saveManifest = (dir: string, m: unknown): void =>
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(m));

describe('loadBundle', () => {
  it('accepts the shipped tiny bundle and reports hashing progress', async () => {
    const dir = copyTiny();
    let last = 0;
    const m = await loadBundle(dir, {
      verify: 'full',
      onProgress: (p) => {
        last = p.done;
      },
    });
    expect(m.id).toBe('tiny-untrained');
    expect(m.trained).toBe(false);
    expect(m.graphs.map((g) => `${g.role}/${g.variant}`)).toEqual([
      'visual_encoder/fp32',
      'lstv/fp32',
      'decoder_cross_kv/fp32',
      'decoder_step/fp32',
      'decoder_step/q8',
      'decoder_step/q4',
      'codec_decoder/fp32',
      'codec_encoder/fp32',
    ]);
    const total = m.graphs.reduce((s, g) => s + g.bytes + (g.dataFile?.bytes ?? 0), 0);
    expect(last).toBe(total);
  });

  it('refuses a damaged weight file, naming it and the hash mismatch', async () => {
    const dir = copyTiny();
    const data = path.join(dir, 'lstv.onnx.data');
    const b = fs.readFileSync(data);
    b[100] ^= 1;
    fs.writeFileSync(data, b);
    await expect(loadBundle(dir)).rejects.toThrow(
      new RegExp(`${data}: sha256 [0-9a-f]{64} does not match the manifest`),
    );
  });

  it('refuses a truncated or missing file before hashing anything', async () => {
    const dir = copyTiny();
    const data = path.join(dir, 'codec_decoder.onnx.data');
    fs.truncateSync(data, 1000);
    await expect(loadBundle(dir)).rejects.toThrow(
      `${data}: 1000 bytes, model.json says 727552 (truncated or replaced?)`,
    );
    fs.rmSync(data);
    await expect(loadBundle(dir)).rejects.toThrow(`${data}: listed in model.json but missing`);
  });

  it('refuses a graph whose real inputs differ from the manifest signature', async () => {
    const dir = copyTiny();
    const m = manifestOf(dir);
    m.graphs[0].inputs[0].shape = ['frames', 3, 224, 224];
    saveManifest(dir, m);
    await expect(loadBundle(dir)).rejects.toThrow(
      `${path.join(dir, 'visual_encoder.onnx')}: graph inputs are pixel_values:float32[frames,3,32,32] but model.json says pixel_values:float32[frames,3,224,224]`,
    );
  });

  it('refuses an unknown format, a missing field and a folder without model.json', async () => {
    const dir = copyTiny();
    const m = manifestOf(dir) as unknown as Record<string, unknown>;
    saveManifest(dir, { ...m, format: 2 });
    await expect(loadBundle(dir)).rejects.toThrow(
      `${path.join(dir, 'model.json')}: unsupported bundle format 2 (this app reads format 1)`,
    );
    saveManifest(dir, { ...m, audio: { ...(m.audio as object), sampleRate: 'x' } });
    await expect(loadBundle(dir)).rejects.toThrow('field audio.sampleRate is missing or not a number');
    fs.rmSync(path.join(dir, 'model.json'));
    await expect(loadBundle(dir)).rejects.toThrow('model.json: missing (not a model bundle folder)');
  });

  it('skips hashing when the verified marker matches, but never on a full verify', async () => {
    const dir = copyTiny();
    const data = path.join(dir, 'lstv.onnx.data');
    const when = new Date(1_700_000_000_000);
    fs.utimesSync(data, when, when);
    await loadBundle(dir, { verify: 'full' });
    const b = fs.readFileSync(data);
    b[100] ^= 1;
    fs.writeFileSync(data, b);
    fs.utimesSync(data, when, when);
    let hashed = 0;
    await loadBundle(dir, {
      verify: 'cached',
      onProgress: () => {
        hashed++;
      },
    });
    expect(hashed).toBe(0);
    await expect(loadBundle(dir, { verify: 'full' })).rejects.toThrow(/lstv\.onnx\.data: sha256/);
  });

  it('re-hashes in cached mode when a file changed size or time', async () => {
    const dir = copyTiny();
    await loadBundle(dir, { verify: 'full' });
    const data = path.join(dir, 'lstv.onnx.data');
    const b = fs.readFileSync(data);
    b[100] ^= 1;
    fs.writeFileSync(data, b);
    fs.utimesSync(data, new Date(1000), new Date(1000));
    await expect(loadBundle(dir, { verify: 'cached' })).rejects.toThrow(/lstv\.onnx\.data: sha256/);
  });
});
