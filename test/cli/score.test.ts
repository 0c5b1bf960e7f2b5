import { execFile } from 'node:child_process';
import { cpSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, tempDir, testVideo } from '../inference/frames/media';
import { makeTinyBundle } from '../inference/pipeline/tiny-bundle';
import { interruptWhileDecoding } from './interrupt';
import { SAMPLE_VIDEO } from '../fixtures/paths';

const run = promisify(execFile);
const SAMPLE = SAMPLE_VIDEO;
const media = tempDir('score-media');
let model = '';
let cache = '';

/** Runs `npm run cli -- score ...` as a user would (tsx entry) and returns exit code and output. */
async function score(
  ...args: (string | Record<string, string>)[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const env = { ...process.env, ...(args.find((a) => typeof a === 'object') ?? {}) };
  const argv = args.filter((a): a is string => typeof a === 'string');
  try {
    const r = await run(tsx, ['src/cli/main.ts', 'score', ...argv], { maxBuffer: 1 << 24, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

async function probe(file: string): Promise<{ codec_type: string; codec_name: string; duration: string }[]> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,duration',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; duration: string }[] })
    .streams;
}

beforeAll(async () => {
  model = await makeTinyBundle();
  cache = tempDir('score-cache');
  testVideo(join(media, 'long.mp4'), 95, '64x48', 5);
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', join(media, 'audio.m4a'));
  ffmpeg('-f', 'lavfi', '-i', 'color=gray:s=9000x16:d=0.2', '-c:v', 'ffv1', join(media, 'huge.mkv'));
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
    join(media, 'vfr.mp4'),
  );
  writeFileSync(join(media, 'empty.mp4'), Buffer.alloc(0));
  writeFileSync(join(media, 'text.mp4'), 'not a video');
  cpSync(SAMPLE, join(media, 'truncated.mp4'));
  truncateSync(join(media, 'truncated.mp4'), 40_000);
});

describe('score', () => {
  it('writes the sample as an mp4 with its video stream and a soundtrack exactly as long as the video', async () => {
    const out = tempDir('score-out');
    const r = await score(
      SAMPLE,
      '-o',
      join(out, 'out.mp4'),
      '--model',
      model,
      '--cache',
      cache,
      '--seed',
      '3',
      '--json',
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      format: 'mp4',
      musicSamples: 163200,
      musicSampleRate: 32000,
      videoCopied: true,
      seed: 3,
    });
    expect(summary.windows).toEqual([{ start: 0, end: 163200, startSeconds: 0, endSeconds: 5.1 }]);
    const streams = await probe(join(out, 'out.mp4'));
    expect(streams.map((s) => [s.codec_type, s.codec_name, s.duration])).toEqual([
      ['video', 'h264', '5.100000'],
      ['audio', 'aac', '5.100000'],
    ]);
    expect(r.stderr).toContain('decode');
    expect(readdirSync(out)).toEqual(['out.mp4']);
  });

  it('uses the shipped tiny bundle by default and resolves paths from where npm was started', async () => {
    const out = tempDir('score-out');
    const r = await score(SAMPLE, '-o', 'shipped.mp4', '--cache', cache, '--json', { INIT_CWD: out });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      output: join(out, 'shipped.mp4'),
      model: expect.stringMatching(/resources\/models\/tiny-untrained$/),
    });
    expect((await probe(join(out, 'shipped.mp4'))).map((s) => [s.codec_type, s.duration])).toEqual([
      ['video', '5.100000'],
      ['audio', '5.100000'],
    ]);
  });

  it('stops before any work when ffprobe is missing, naming it and how to install it', async () => {
    const out = tempDir('score-out');
    const r = await score(SAMPLE, '-o', join(out, 'out.mp4'), '--model', model, {
      VIDMUSE_FFPROBE: join(out, 'no-ffprobe'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: ffprobe \(.*no-ffprobe\) is not available: install ffmpeg .*VIDMUSE_FFPROBE/m,
    );
    expect(r.stderr).not.toContain('decode');
    expect(readdirSync(out)).toEqual([]);
  });

  it('scores a 95 s video through four crossfaded windows into a WAV of exactly 95 s', async () => {
    const out = tempDir('score-out');
    const r = await score(
      join(media, 'long.mp4'),
      '-o',
      join(out, 'music.wav'),
      '--model',
      model,
      '--cache',
      cache,
      '--window',
      '30',
      '--overlap',
      '2',
      '--threads',
      '1',
      '--json',
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.windows.map((w: { start: number; end: number }) => [w.start, w.end])).toEqual([
      [0, 960000],
      [896000, 1856000],
      [1792000, 2752000],
      [2688000, 3040000],
    ]);
    expect(summary.outputSamples).toBe(95 * summary.outputSampleRate);
    expect((await probe(join(out, 'music.wav'))).map((s) => s.codec_type)).toEqual(['audio']);
  });

  it('scores variable frame rate video', async () => {
    const out = tempDir('score-out');
    const r = await score(
      join(media, 'vfr.mp4'),
      '-o',
      join(out, 'vfr.flac'),
      '--model',
      model,
      '--cache',
      cache,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).musicSamples).toBe(129920);
  });
});

describe('score on bad input', () => {
  it.each([
    // The editor's messages: score opens the video as the editor does.
    ['missing.mp4', 'missing.mp4 does not exist'],
    ['empty.mp4', 'empty.mp4 is an empty file'],
    ['text.mp4', 'text.mp4 is truncated or is not a media file'],
    ['truncated.mp4', 'truncated.mp4 is truncated or is not a media file'],
    ['audio.m4a', 'audio.m4a is an audio-only file: open a video to score it'],
    ['huge.mkv', 'huge.mkv: 9000×16 is larger than the supported 8192×8192'],
  ])('%s fails with a clear error and writes nothing', async (name, message) => {
    const out = tempDir('score-out');
    const r = await score(join(media, name), '-o', join(out, 'out.mp4'), '--model', model, '--cache', cache);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(name);
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops on Ctrl-C during generation and leaves no output', async () => {
    const out = tempDir('score-out');
    const { code, stderr } = await interruptWhileDecoding([
      'score',
      join(media, 'long.mp4'),
      '-o',
      join(out, 'x.mp4'),
      '--model',
      model,
      '--cache',
      cache,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('error: Cancelled');
    expect(readdirSync(out)).toEqual([]);
  });

  it('names a missing or corrupt bundle and writes nothing', async () => {
    const out = tempDir('score-out');
    const missing = await score(
      SAMPLE,
      '-o',
      join(out, 'out.mp4'),
      '--model',
      join(out, 'nope'),
      '--cache',
      cache,
    );
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('model.json')]);
    const corrupt = join(tempDir('corrupt-bundle'), 'tiny');
    cpSync(model, corrupt, { recursive: true });
    truncateSync(join(corrupt, 'decoder_step.onnx'), 64);
    const bad = await score(SAMPLE, '-o', join(out, 'out.mp4'), '--model', corrupt, '--cache', cache);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('decoder_step.onnx')]);
    expect(readdirSync(out)).toEqual([]);
  });

  it.each([
    [['-o', 'x.mp4'], 'no video given'],
    [[SAMPLE], '-o <output> is required'],
    [[SAMPLE, '-o', 'x.avi'], 'output must end in .mp4, .wav or .flac'],
    [[SAMPLE, '-o', 'x.mp4', '--top-p', '2'], '--top-p must be between 0 and 1'],
    [[SAMPLE, '-o', 'x.mp4', '--ep', 'tpu'], '--ep must be one of auto, cpu, webgpu, cuda, dml, coreml'],
  ])('rejects bad usage %j with exit code 2', async (args, message) => {
    const r = await score(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
