import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportVideo, type ExportRequest } from '../../../src/main/export/export-video';
import { plainExport, type ExportOptions } from '../../../src/shared/export';
import { decodeAudio } from '../../../src/media/decode-audio';
import { mixdown } from '../../../src/shared/timeline/mixdown';
import type { Progress } from '../../../src/shared/progress';
import { ffprobeJson, SAMPLE_VIDEO, synthVideo, tempDir } from '../synth-media';
import { SAMPLE_MUSIC } from '../../fixtures/paths';

const SR = 32000;
const MUSIC = SAMPLE_MUSIC;
const t = tempDir('export');
let score: Float32Array;
afterAll(() => t.remove());

// A score as the app makes one: two takes (cut from real music) crossfaded over a 1 s equal-power seam.
beforeAll(async () => {
  const [music] = await decodeAudio(MUSIC, { sampleRate: SR, channels: 1 });
  const takeA = music.slice(0, 4 * SR);
  const takeB = music.slice(10 * SR, 13 * SR);
  score = mixdown({
    sampleRate: SR,
    totalSamples: 6 * SR,
    clips: [
      { startSample: 0, pcm: takeA },
      { startSample: 3 * SR, pcm: takeB },
    ],
    seams: [{ startSample: 3 * SR, endSample: 4 * SR, curve: 'equal-power' }],
    fadeInSamples: SR / 10,
    fadeOutSamples: SR / 2,
  });
});

/** An export of the sample video with the test score; ducking on, as the editor sets it with original audio. */
const job = (over: Partial<Omit<ExportRequest, 'options'> & ExportOptions>): ExportRequest => {
  const { videoPath = SAMPLE_VIDEO, music = score, musicSampleRate = SR, ...options } = over;
  const base = { ...plainExport('mp4', join(t.dir, 'out.mp4')), ducking: true };
  return { videoPath, music, musicSampleRate, options: { ...base, ...options } };
};
const stream = (path: string, type: string): Record<string, unknown> =>
  ffprobeJson(path).streams.find((s) => s.codec_type === type) ?? {};
const videoFrameMd5 = (path: string): string =>
  execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framemd5', '-'])
    .toString()
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .join('\n');
const loudness = (path: string): number => {
  const err = spawnSync('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-i',
    path,
    '-af',
    'ebur128',
    '-f',
    'null',
    '-',
  ]).stderr.toString();
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(err.split('Summary:')[1] ?? '')?.[1]);
};

describe('exportVideo: mp4', () => {
  let result: Awaited<ReturnType<typeof exportVideo>>;
  const stages: Progress[] = [];
  beforeAll(async () => {
    result = await exportVideo(job({}), { onProgress: (p) => stages.push(p) });
  });

  it('writes H.264 copied and AAC 48 kHz stereo, both as long as the video (within one frame)', () => {
    const out = join(t.dir, 'out.mp4');
    const v = stream(out, 'video');
    const a = stream(out, 'audio');
    expect([v.codec_name, a.codec_name, a.sample_rate, a.channels]).toEqual(['h264', 'aac', '48000', 2]);
    expect(Math.abs(Number(v.duration) - 5.1)).toBeLessThanOrEqual(1 / 30);
    expect(Math.abs(Number(a.duration) - 5.1)).toBeLessThanOrEqual(1 / 30);
    expect(Number(a.bit_rate)).toBeGreaterThanOrEqual(180_000);
    expect(result).toMatchObject({
      videoCopied: true,
      samples: 244800,
      sampleRate: 48000,
      channels: 2,
      originalAudioIncluded: false,
    });
  });

  it('copies the video stream bit for bit', () => {
    expect(videoFrameMd5(join(t.dir, 'out.mp4'))).toBe(videoFrameMd5(SAMPLE_VIDEO));
  });

  it('puts the index first (faststart) and nothing else in the folder', () => {
    const bytes = readFileSync(join(t.dir, 'out.mp4'));
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(readdirSync(t.dir)).toEqual(['out.mp4']);
  });

  it('reaches −14 LUFS, confirmed by ffmpeg ebur128 after AAC', () => {
    expect(Math.abs(result.integratedLufs + 14)).toBeLessThan(0.05);
    expect(result.truePeakDb).toBeLessThanOrEqual(-1);
    expect(Math.abs(loudness(join(t.dir, 'out.mp4')) + 14)).toBeLessThanOrEqual(0.3);
  });

  it('reports probe, mixdown, encode and write, with encode ending at the full duration', () => {
    expect([...new Set(stages.map((s) => s.stage))]).toEqual(['probe', 'mixdown', 'encode', 'write']);
    expect(stages.filter((s) => s.stage === 'encode').at(-1)).toMatchObject({ done: 5100, total: 5100 });
  });
});

describe('exportVideo: audio files', () => {
  it('writes 24-bit WAV of the music alone at the model rate, exactly the video long', async () => {
    const out = join(t.dir, 'music.wav');
    const r = await exportVideo(job({ format: 'wav', outputPath: out }));
    const a = stream(out, 'audio');
    expect([a.codec_name, a.sample_rate, a.channels, a.bits_per_sample, a.duration_ts]).toEqual([
      'pcm_s24le',
      '32000',
      1,
      24,
      163200,
    ]);
    expect(r.samples).toBe(163200);
    expect(Math.abs(loudness(out) + 14)).toBeLessThanOrEqual(0.1);
  });

  it('writes 24-bit FLAC', async () => {
    const out = join(t.dir, 'music.flac');
    await exportVideo(job({ format: 'flac', outputPath: out }));
    const a = stream(out, 'audio');
    expect([a.codec_name, a.sample_rate, a.channels, a.bits_per_raw_sample, a.duration_ts]).toEqual([
      'flac',
      '32000',
      1,
      '24',
      163200,
    ]);
  });
});

describe('exportVideo: a video that has its own audio', () => {
  let src: string;
  beforeAll(() => {
    src = synthVideo(join(t.dir, 'talk.mp4'), { seconds: 3, rate: 25, audioRate: 44100 });
  });

  it('replaces the original audio by the music when the original is off', async () => {
    const out = join(t.dir, 'talk-music.mp4');
    const r = await exportVideo(job({ videoPath: src, outputPath: out }));
    expect(ffprobeJson(out).streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
    expect(r.originalAudioIncluded).toBe(false);
    expect(videoFrameMd5(out)).toBe(videoFrameMd5(src));
  });

  it('mixes the original under the music, stereo 48 kHz, as long as the video', async () => {
    const out = join(t.dir, 'talk-mix.wav');
    const r = await exportVideo(
      job({ videoPath: src, outputPath: out, format: 'wav', includeOriginalAudio: true, originalGainDb: -6 }),
    );
    expect(r).toMatchObject({ originalAudioIncluded: true, sampleRate: 48000, channels: 2, samples: 144000 });
    expect(stream(out, 'audio').duration_ts).toBe(144000);
    expect(Math.abs(loudness(out) + 14)).toBeLessThanOrEqual(0.1);
  });

  it('mixes the original into an mp4 with one AAC track, video copied, as long as the video', async () => {
    const out = join(t.dir, 'talk-mix.mp4');
    const r = await exportVideo(job({ videoPath: src, outputPath: out, includeOriginalAudio: true }));
    const a = stream(out, 'audio');
    expect(ffprobeJson(out).streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
    expect([a.codec_name, a.sample_rate, a.channels, r.originalAudioIncluded]).toEqual([
      'aac',
      '48000',
      2,
      true,
    ]);
    expect(Math.abs(Number(a.duration) - 3)).toBeLessThanOrEqual(1 / 25);
    expect(videoFrameMd5(out)).toBe(videoFrameMd5(src));
  });

  it('carries the original alone when the music is silent', async () => {
    const out = join(t.dir, 'talk-only.wav');
    const r = await exportVideo(
      job({
        videoPath: src,
        outputPath: out,
        format: 'wav',
        includeOriginalAudio: true,
        music: new Float32Array(0),
      }),
    );
    const [left] = await decodeAudio(out, { sampleRate: 48000, channels: 2 });
    // the 440 Hz tone of the source survives: its power at −14 LUFS is far from silence
    expect(left.length).toBe(144000);
    expect(Math.max(...left.subarray(48000, 96000))).toBeGreaterThan(0.1);
    expect(r.integratedLufs).toBeCloseTo(-14, 6);
  });
});

describe('exportVideo: refusals and failures leave nothing behind', () => {
  const code = async (p: Promise<unknown>): Promise<string> =>
    p.then(
      () => 'none',
      (e: { code?: string }) => e.code ?? String(e),
    );

  it('refuses to overwrite its source video', async () => {
    const src = join(t.dir, 'own.mp4');
    copyFileSync(SAMPLE_VIDEO, src);
    expect(await code(exportVideo(job({ videoPath: src, outputPath: src })))).toBe('invalid-input');
    expect(readFileSync(src).equals(readFileSync(SAMPLE_VIDEO))).toBe(true);
  });

  it('refuses a folder as the output file', async () => {
    const dir = join(t.dir, 'a-folder.mp4');
    mkdirSync(dir);
    expect(await code(exportVideo(job({ outputPath: dir })))).toBe('invalid-input');
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('names a missing folder', async () => {
    expect(await code(exportVideo(job({ outputPath: join(t.dir, 'no', 'such', 'x.mp4') })))).toBe(
      'not-found',
    );
  });

  it('cancels: kills ffmpeg and removes the partial file', async () => {
    const dir = join(t.dir, 'cancel');
    mkdirSync(dir);
    const ac = new AbortController();
    const p = exportVideo(job({ outputPath: join(dir, 'x.mp4') }), {
      signal: ac.signal,
      onProgress: (s) => s.stage === 'encode' && ac.abort(),
    });
    expect(await code(p)).toBe('cancelled');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops with media-changed when the source is deleted mid-export', async () => {
    const dir = join(t.dir, 'gone');
    mkdirSync(dir);
    const src = join(dir, 'src.mp4');
    copyFileSync(SAMPLE_VIDEO, src);
    const p = exportVideo(job({ videoPath: src, outputPath: join(dir, 'x.mp4') }), {
      onProgress: (s) => s.stage === 'encode' && s.done === 0 && unlinkSync(src),
    });
    expect(await code(p)).toBe('media-changed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects bad settings before touching the disk', async () => {
    expect(await code(exportVideo(job({ musicSampleRate: 44101 })))).toBe('invalid-input');
    expect(await code(exportVideo(job({ format: 'avi' as 'mp4' })))).toBe('invalid-input');
  });
});

describe('exportVideo: a codec mp4 cannot carry', () => {
  it('re-encodes VP8 video to H.264', async () => {
    const src = synthVideo(join(t.dir, 'clip.webm'), {
      seconds: 1,
      rate: 25,
      extra: ['-c:v', 'libvpx', '-b:v', '200k'],
    });
    const out = join(t.dir, 'clip.mp4');
    const r = await exportVideo(job({ videoPath: src, outputPath: out }));
    expect(r.videoCopied).toBe(false);
    expect([stream(out, 'video').codec_name, stream(out, 'audio').codec_name]).toEqual(['h264', 'aac']);
  });
});
