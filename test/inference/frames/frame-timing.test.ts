// Frame k of the extractor must be the frame on screen at t = k/2 s. The videos here paint their own frame
// index into every pixel (red = index mod 256, green = index div 256, losslessly coded), so each extracted
// frame says which native frame it is.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFrames } from '../../../src/inference/frames/extract-frames';
import { countVideoFrames, extractFramesAt } from '../../../src/inference/frames/frames-at';
import { globalFrameIndices } from '../../../src/inference/frames/global-indices';
import { probeVideo } from '../../../src/inference/frames/probe-video';
import type { Frames } from '../../../src/inference/frames/frame-spec';
import { ffmpeg, tempDir } from './media';

const dir = tempDir('timing');
const spec = { fps: 2, width: 32, height: 32 };
const paint = "format=rgb24,geq=r='mod(N,256)':g='trunc(N/256)':b=128";
const lossless = ['-c:v', 'libx264rgb', '-qp', '0', '-preset', 'ultrafast'];

/** A video of `seconds` at a constant `rate` whose frame n is painted with n. */
function constantRate(rate: number, seconds: number): string {
  const src = `color=black:s=32x32:r=${rate}:d=${seconds},${paint}`;
  return ffmpeg('-f', 'lavfi', '-i', src, ...lossless, join(dir, `cfr-${rate}.mp4`));
}

/** The native frame index painted into each extracted frame (every pixel agrees). */
function paintedIndices(f: Frames): number[] {
  const plane = f.spec.width * f.spec.height;
  return Array.from({ length: f.count }, (_, k) => {
    const r = f.data.subarray(k * 3 * plane, k * 3 * plane + plane);
    const g = f.data.subarray(k * 3 * plane + plane, k * 3 * plane + 2 * plane);
    expect(r.every((v) => v === r[0]) && g.every((v) => v === g[0])).toBe(true);
    return r[0]! + 256 * g[0]!;
  });
}

/** Presentation times (s, from the first frame) of every frame of a video, by ffprobe. */
function frameTimes(path: string): number[] {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time'],
    ...['-of', 'csv=p=0', path],
  ]).toString('utf8');
  const t = out
    .split('\n')
    .map((l) => l.replace(/,/g, '').trim())
    .filter((l) => l !== '')
    .map(Number);
  return t.map((x) => x - t[0]!);
}

/** For each k, the last frame that starts at or before k/2 s. */
const shownAt = (times: number[], count: number): number[] =>
  Array.from({ length: count }, (_, k) => times.filter((t) => t <= k / 2 + 1e-9).length - 1);

let vfr = '';
beforeAll(() => {
  // 2 s at 10 fps, then 2 s at 25 fps, timestamps kept as they are; painted after the join.
  const src = `color=black:s=32x32:r=10:d=2,settb=1/1000[a];color=black:s=32x32:r=25:d=2,settb=1/1000[b];[a][b]concat=n=2:v=1:a=0,${paint}`;
  vfr = ffmpeg(
    '-f',
    'lavfi',
    '-i',
    src,
    '-fps_mode',
    'vfr',
    '-enc_time_base',
    '1/1000',
    ...lossless,
    join(dir, 'vfr.mp4'),
  );
});

describe('frame timing', () => {
  it.each([
    [30, 3.1, 7],
    [25, 3.1, 7],
    [24, 4, 8],
  ])('at %i fps frame k is native frame floor(k·fps/2)', async (rate, seconds, count) => {
    const f = await extractFrames(constantRate(rate, seconds), spec);
    expect(f.count).toBe(count);
    expect(paintedIndices(f)).toEqual(Array.from({ length: count }, (_, k) => Math.floor((k * rate) / 2)));
  });

  it('matches the official reader (every ceil(fps/2)-th frame from frame 0) at 30 fps, without its drift at 25', async () => {
    const at30 = paintedIndices(await extractFrames(join(dir, 'cfr-30.mp4'), spec));
    expect(at30).toEqual(at30.map((_, k) => k * Math.ceil(30 / 2)));
    const at25 = paintedIndices(await extractFrames(join(dir, 'cfr-25.mp4'), spec));
    expect(at25[6]).toBe(75); // the official stride of 13 would give 78, 0.12 s late after 3 s
  });

  it('takes frames by timestamp in a variable-frame-rate video', async () => {
    const times = frameTimes(vfr);
    const gaps = new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1000)));
    expect([...gaps].sort()).toEqual([100, 40].sort()); // really variable
    const f = await extractFrames(vfr, spec);
    // The muxer gives the last frame 0.1 s, so the stream lasts 4.06 s and the frame shown at 4 s counts.
    expect(f.count).toBe(9);
    expect(paintedIndices(f)).toEqual(shownAt(times, 9));
    expect(paintedIndices(f)).toEqual([0, 5, 10, 15, 20, 32, 45, 57, 69]);
  });
});

describe('global frames', () => {
  it.each([
    ['cfr-30.mp4', 93],
    ['cfr-25.mp4', 78],
    ['vfr.mp4', 70],
  ])('%s: 32 native frames at floor(linspace(0, n − 1, 32)) over its %i frames', async (name, n) => {
    const path = join(dir, name);
    const info = await probeVideo(path);
    expect(await countVideoFrames(path, info.streamIndex)).toBe(n);
    const indices = globalFrameIndices(n, 32);
    const f = await extractFramesAt(path, info, spec, indices);
    expect(paintedIndices(f)).toEqual(indices);
  });

  it('repeats frames when the video has fewer than asked for', async () => {
    const path = constantRate(10, 0.3); // frames 0, 1, 2
    const info = await probeVideo(path);
    const f = await extractFramesAt(path, info, spec, globalFrameIndices(3, 5));
    expect(paintedIndices(f)).toEqual([0, 0, 1, 1, 2]);
  });
});
