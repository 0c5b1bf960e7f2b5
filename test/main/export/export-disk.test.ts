import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportVideo } from '../../../src/main/export/export-video';
import { plainExport } from '../../../src/shared/export';
import { SAMPLE_VIDEO, tempDir } from '../synth-media';

// Real file-system failures need small tmpfs mounts, which only root can make; elsewhere these tests are skipped.
const canMount = process.getuid?.() === 0 && process.platform === 'linux';
const t = tempDir('disk');
const full = join(t.dir, 'full');
const readOnly = join(t.dir, 'ro');
const music = Float32Array.from(
  { length: 32000 * 6 },
  (_, i) => 0.2 * Math.sin((2 * Math.PI * 220 * i) / 32000),
);
const code = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'none',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe.skipIf(!canMount)('exportVideo on failing disks', () => {
  beforeAll(() => {
    mkdirSync(full);
    mkdirSync(readOnly);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', full]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
  });
  afterAll(() => {
    for (const dir of [full, readOnly]) execFileSync('umount', [dir]);
    t.remove();
  });

  it('reports a full disk and leaves nothing behind', async () => {
    const out = join(full, 'x.mp4');
    expect(
      await code(
        exportVideo({
          videoPath: SAMPLE_VIDEO,
          music,
          musicSampleRate: 32000,
          options: plainExport('mp4', out),
        }),
      ),
    ).toBe('disk-full');
    expect(readdirSync(full)).toEqual([]);
  });

  it('reports a folder that is not writable and leaves nothing behind', async () => {
    const out = join(readOnly, 'x.wav');
    const p = exportVideo({
      videoPath: SAMPLE_VIDEO,
      music,
      musicSampleRate: 32000,
      options: plainExport('wav', out),
    });
    await expect(p).rejects.toMatchObject({
      code: 'not-writable',
      message: `The folder ${readOnly} is not writable: choose another place to export to`,
    });
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('still writes an export that fits', async () => {
    const out = join(full, 'small.flac');
    await exportVideo({
      videoPath: SAMPLE_VIDEO,
      music,
      musicSampleRate: 32000,
      options: plainExport('flac', out),
    });
    expect(readdirSync(full)).toEqual(['small.flac']);
  });
});
