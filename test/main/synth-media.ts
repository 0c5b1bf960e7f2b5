// Small synthetic media made with ffmpeg's lavfi sources for tests, plus a temp-folder helper.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_VIDEO } from '../fixtures/paths';
export { SAMPLE_VIDEO };

/** The real sample video of the fixtures: 5.1 s, 1280×720, 30 fps, H.264, no audio. */

/** A fresh temp folder and its remover. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `vidmuse-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg quietly with the given arguments (overwriting the output). */
export const ffmpeg = (args: string[]): void => {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
};

/** Options of a synthetic test video. */
export interface SynthVideo {
  seconds: number;
  size?: string;
  rate?: number;
  /** Adds a sine tone audio track at this sample rate. */
  audioRate?: number;
  extra?: string[];
}

/** Writes an H.264 test video (testsrc2), optionally with an AAC sine track, and returns its path. */
export function synthVideo(path: string, o: SynthVideo): string {
  const v = ['-f', 'lavfi', '-i', `testsrc2=s=${o.size ?? '320x240'}:r=${o.rate ?? 25}:d=${o.seconds}`];
  const a = o.audioRate ? ['-f', 'lavfi', '-i', `sine=f=440:r=${o.audioRate}:d=${o.seconds}`] : [];
  const codecs = [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(o.audioRate ? ['-c:a', 'aac'] : []),
  ];
  ffmpeg([...v, ...a, ...codecs, ...(o.extra ?? []), path]);
  return path;
}

/** ffprobe's JSON for a file (format and streams). */
export function ffprobeJson(path: string): {
  format: Record<string, string>;
  streams: Record<string, unknown>[];
} {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    path,
  ]);
  return JSON.parse(out.toString()) as { format: Record<string, string>; streams: Record<string, unknown>[] };
}
