// Small synthetic media made with ffmpeg's lavfi sources, shared by the frame tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder for one test file. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `vidmuse-${prefix}-`));

/** Runs ffmpeg with the given arguments (quiet, overwrite) and returns the output path (the last argument). */
export function ffmpeg(...args: string[]): string {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-nostdin', ...args]);
  return args[args.length - 1]!;
}

/** A test video of `seconds` at `size` and `rate` (H.264 in mp4 unless the path says otherwise). */
export function testVideo(path: string, seconds: number, size = '64x48', rate = 25): string {
  return ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
    '-pix_fmt',
    'yuv420p',
    path,
  );
}
