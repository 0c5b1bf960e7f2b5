import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { Progress } from '../../../src/shared/progress';
import { extractFrames, frameArgs } from '../../../src/inference/frames/extract-frames';
import { resizeRgb24ToPlanar } from '../../../src/inference/frames/resize-bilinear';
import type { FrameSpec, Frames } from '../../../src/inference/frames/frame-spec';
import { probeVideo } from '../../../src/inference/frames/probe-video';
import { ffmpeg, tempDir, testVideo } from './media';
import { SAMPLE_VIDEO } from '../../fixtures/paths';

const SAMPLE = SAMPLE_VIDEO;
const spec: FrameSpec = { fps: 2, width: 32, height: 32 };
const dir = tempDir('frames');
const at = (name: string): string => join(dir, name);

/** Mean of one channel plane of one frame. */
function planeMean(f: Frames, frame: number, channel: number, rows?: [number, number]): number {
  const { width: w, height: h } = f.spec;
  const [r0, r1] = rows ?? [0, h];
  const base = (frame * 3 + channel) * w * h;
  let sum = 0;
  for (let y = r0; y < r1; y++) for (let x = 0; x < w; x++) sum += f.data[base + y * w + x]!;
  return sum / ((r1 - r0) * w);
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(() => {
  testVideo(at('odd.mp4'), 3, '97x55', 30);
  testVideo(at('short.mp4'), 0.3, '64x48', 25);
  testVideo(at('long.mkv'), 30, '640x360', 25);
  const half = 'color=white:s=32x32:d=1[a];color=black:s=32x32:d=1[b];[a][b]hstack,format=yuv420p';
  ffmpeg('-f', 'lavfi', '-i', half, '-c:v', 'libx264', at('halves.mp4'));
  ffmpeg('-i', at('halves.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', at('rotated.mp4'));
  // Variable frame rate: 2 s of red at 10 fps, then 2 s of blue at 25 fps, timestamps kept as they are.
  const vfr =
    'color=red:s=32x32:r=10:d=2,settb=1/1000[a];color=blue:s=32x32:r=25:d=2,settb=1/1000[b];[a][b]concat=n=2:v=1:a=0,format=yuv420p';
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    vfr,
    '-fps_mode',
    'vfr',
    '-enc_time_base',
    '1/1000',
    '-c:v',
    'libx264',
    at('vfr.mp4'),
  );
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', at('audio.m4a'));
  ffmpeg('-f', 'lavfi', '-i', 'color=gray:s=9000x16:d=0.2', '-c:v', 'ffv1', at('huge.mkv'));
  writeFileSync(at('empty.mp4'), Buffer.alloc(0));
  writeFileSync(at('text.mp4'), 'this is not a video\n');
  testVideo(at('whole.mp4'), 8, '320x240', 25);
  const whole = readFileSync(at('whole.mp4'));
  writeFileSync(at('truncated.mp4'), whole.subarray(0, Math.floor(whole.length * 0.4)));
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=25:duration=8',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    at('faststart.mp4'),
  );
  const fast = readFileSync(at('faststart.mp4'));
  writeFileSync(at('cut-faststart.mp4'), fast.subarray(0, Math.floor(fast.length / 2)));
});

describe('extractFrames', () => {
  it('decodes the sample at 2 fps into [T,3,H,W] planes: native ffmpeg frames resized as torchvision does', async () => {
    const f = await extractFrames(SAMPLE, { fps: 2, width: 224, height: 224 });
    expect(f.count).toBe(11); // 5.1 s: the frames shown at 0, 0.5, … 5.0 s
    expect(f.data.length).toBe(11 * 3 * 224 * 224);
    const raw = execFileSync('ffmpeg', frameArgs(SAMPLE, f.spec), { maxBuffer: 64 << 20 });
    const native = 1280 * 720 * 3;
    expect(raw.length).toBe(11 * native);
    const planar = new Uint8Array(f.data.length);
    for (let i = 0; i < 11; i++)
      resizeRgb24ToPlanar(
        raw.subarray(i * native, (i + 1) * native),
        1280,
        720,
        224,
        224,
        planar,
        i * 150528,
      );
    expect(Buffer.from(f.data).equals(Buffer.from(planar))).toBe(true);
  });

  it('resizes odd sizes to the spec and counts frames of a 3 s video', async () => {
    const f = await extractFrames(at('odd.mp4'), spec);
    expect(f.count).toBe(6);
    expect(f.data.length).toBe(6 * 3 * 32 * 32);
  });

  it('gives one frame for a video shorter than a frame period', async () => {
    expect((await extractFrames(at('short.mp4'), spec)).count).toBe(1);
  });

  it('applies rotation metadata before resizing the whole frame', async () => {
    const info = await probeVideo(at('rotated.mp4'));
    expect([info.width, info.height, info.rotation]).toEqual([32, 64, 90]);
    const plain = await extractFrames(at('halves.mp4'), spec);
    expect(planeMean(plain, 0, 0, [0, 32])).toBeGreaterThan(100); // left white, right black: rows alike
    const f = await extractFrames(at('rotated.mp4'), spec);
    const top = planeMean(f, 0, 1, [0, 8]);
    const bottom = planeMean(f, 0, 1, [24, 32]);
    expect(Math.abs(top - bottom)).toBeGreaterThan(200);
  });

  it('samples variable frame rate video on the 2 fps grid', async () => {
    const f = await extractFrames(at('vfr.mp4'), spec);
    expect(f.count).toBe(8);
    const redish = [...Array(8).keys()].map((i) => planeMean(f, i, 0) > planeMean(f, i, 2));
    expect(redish).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('reports frame progress up to the total', async () => {
    const seen: Progress[] = [];
    await extractFrames(at('odd.mp4'), spec, { onProgress: (p) => seen.push(p) });
    expect(seen.every((p) => p.stage === 'frames' && p.total === 6)).toBe(true);
    expect(seen[seen.length - 1]).toEqual({ stage: 'frames', done: 6, total: 6, etaSeconds: 0 });
  });
});

describe('extractFrames on bad input', () => {
  it.each([
    ['missing.mp4', 'not-found'],
    ['empty.mp4', 'empty-media'],
    ['text.mp4', 'unreadable-media'],
    ['truncated.mp4', 'unreadable-media'],
    ['audio.m4a', 'no-video-stream'],
    ['huge.mkv', 'unsupported-media'],
  ])('%s is a %s error', async (name, code) => {
    const e = await errorOf(extractFrames(at(name), spec));
    expect(e.code).toBe(code);
    expect(e.message).toContain(name);
  });

  it('names a file whose index is intact but whose data stops halfway as truncated', async () => {
    const e = await errorOf(extractFrames(at('cut-faststart.mp4'), spec));
    expect(e.code).toBe('unreadable-media');
    expect(e.message).toMatch(/cut-faststart\.mp4 is truncated or damaged: decoded \d+ of 16 frames/);
  });

  it('stops ffmpeg and rejects as cancelled when aborted', async () => {
    const ac = new AbortController();
    const big: FrameSpec = { fps: 25, width: 640, height: 360 };
    const e = await errorOf(
      extractFrames(at('long.mkv'), big, { signal: ac.signal, onProgress: (p) => p.done > 0 && ac.abort() }),
    );
    expect(e.code).toBe('cancelled');
    expect(statSync(at('long.mkv')).size).toBeGreaterThan(0);
  });
});
