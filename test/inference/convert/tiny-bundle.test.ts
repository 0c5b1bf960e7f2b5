import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../src/inference/bundle/loader';
import type { BundleManifest } from '../../../src/inference/bundle/types';
import { makeTinyBundle } from '../../../scripts/make-tiny-bundle';
import { tmpDir } from './helpers';

const SHIPPED = 'resources/models/tiny-untrained';

describe('tiny-untrained bundle', () => {
  it('is what scripts/make-tiny-bundle.ts makes: the same manifest and hashes, and the same gate verdicts', async () => {
    const work = tmpDir('tiny');
    const out = path.join(work, 'tiny');
    await makeTinyBundle(out, fs.mkdtempSync(path.join(work, 'src-')));
    const made = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8')) as BundleManifest;
    const shipped = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'model.json'), 'utf8')) as BundleManifest;
    // The gate's last digits depend on the CPU's vector width; the graphs, hashes and verdicts do not.
    const verdicts = (m: BundleManifest): unknown => [
      m.precision?.default,
      Object.entries(m.precision?.measured ?? {}).map(([v, f]) => [v, f.passed]),
    ];
    expect(verdicts(made)).toEqual(verdicts(shipped));
    expect({ ...made, precision: undefined }).toEqual({ ...shipped, precision: undefined });
  });

  it('is a valid, small, untrained bundle with card ≥ 250 and the codec matching the LM', async () => {
    const m = await loadBundle(SHIPPED, {
      verify: 'full',
      markerFile: path.join(tmpDir('tiny'), 'marker.json'),
    });
    expect(m.trained).toBe(false);
    expect(m.licence).toBe('CC-BY-NC-4.0');
    expect(m.audio).toEqual({
      sampleRate: 32000,
      channels: 1,
      frameRate: 50,
      hopLength: 640,
      codebooks: 4,
      card: 1024,
      specialToken: 1024,
      delays: [0, 1, 2, 3],
    });
    expect(m.codec.codebookSize).toBe(m.audio.card);
    expect(m.video).toMatchObject({
      fps: 2,
      imageSize: 32,
      tokensPerFrame: 5,
      globalFrames: 32,
      maxWindowSeconds: 30,
    });
    const bytes = m.graphs.reduce((s, g) => s + g.bytes + (g.dataFile?.bytes ?? 0), 0);
    expect(bytes).toBeLessThan(10e6);
  });
});
