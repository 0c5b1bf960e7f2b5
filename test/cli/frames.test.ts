// `frames` writes what the model is shown: a video whose pixels carry their own frame index comes back as
// [T, 3, H, W] uint8 with frame k = the native frame on screen at k/2 s.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../../src/inference/convert/npy';
import { ffmpeg, tempDir } from '../inference/frames/media';

const run = promisify(execFile);
const dir = tempDir('cli-frames');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
  try {
    const r = await run(tsx, ['src/cli/main.ts', ...args]);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('cli frames', () => {
  it('writes the frames at the bundle rate and size, frame k shown at k/2 s', async () => {
    const src = "color=black:s=32x32:r=30:d=2.2,format=rgb24,geq=r='mod(N,256)':g='trunc(N/256)':b=128";
    const video = ffmpeg(
      '-f',
      'lavfi',
      '-i',
      src,
      '-c:v',
      'libx264rgb',
      '-qp',
      '0',
      path.join(dir, 'painted.mp4'),
    );
    const out = path.join(dir, 'frames.npy');
    const r = await cli('frames', video, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}: 5 frames, 3×32×32 uint8; frame k is the frame shown at k/2 s\n`);
    const a = readNpy(out);
    expect([a.dtype, a.shape]).toEqual(['uint8', [5, 3, 32, 32]]);
    const red = [...Array(5).keys()].map((k) => (a.data as Uint8Array)[k * 3 * 1024]);
    expect(red).toEqual([0, 15, 30, 45, 60]);
  });

  it('refuses a missing --out and a video that is not there', async () => {
    expect((await cli('frames', 'x.mp4')).code).toBe(2);
    const missing = await cli('frames', path.join(dir, 'none.mp4'), '--out', path.join(dir, 'n.npy'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Video not found');
    expect(fs.existsSync(path.join(dir, 'n.npy'))).toBe(false);
  });
});
