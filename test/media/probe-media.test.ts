import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/media/probe-media';
import { AppError } from '../../src/shared/errors';
import { ffmpeg, SAMPLE_VIDEO, synthVideo, tempDir } from '../main/synth-media';

const t = tempDir('probe');
afterAll(() => t.remove());

const failure = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof AppError ? e.code : `other: ${String(e)}`;
  }
  return 'none';
};

describe('probeMedia', () => {
  beforeAll(() => {
    synthVideo(join(t.dir, 'av.mp4'), { seconds: 2, rate: 25, audioRate: 44100 });
    ffmpeg(['-f', 'lavfi', '-i', 'sine=d=1', join(t.dir, 'tone.m4a')]);
    synthVideo(join(t.dir, 'flat.mp4'), { seconds: 1, size: '320x240' });
    ffmpeg([
      '-i',
      join(t.dir, 'flat.mp4'),
      '-c',
      'copy',
      '-metadata:s:v:0',
      'rotate=90',
      join(t.dir, 'rot.mp4'),
    ]);
    const whole = readFileSync(SAMPLE_VIDEO);
    writeFileSync(join(t.dir, 'cut.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(t.dir, 'empty.mp4'), '');
    // 30 fps for the first second, then every third frame only: a variable frame rate
    synthVideo(join(t.dir, 'vfr.mp4'), {
      seconds: 2,
      rate: 30,
      extra: ['-vf', "select='lt(t,1)+not(mod(n,3))'", '-fps_mode', 'vfr'],
    });
    synthVideo(join(t.dir, 'wide.mp4'), { seconds: 0.04, size: '8208x16' });
    writeFileSync(join(t.dir, 'text.mp4'), 'not a video at all\n'.repeat(100));
    synthVideo(join(t.dir, 'fast.mp4'), { seconds: 1, extra: ['-movflags', '+faststart'] });
    const fast = readFileSync(join(t.dir, 'fast.mp4'));
    writeFileSync(join(t.dir, 'fastcut.mp4'), fast.subarray(0, Math.floor(fast.length * 0.6)));
  });

  it('reads the sample video exactly', async () => {
    const m = await probeMedia(SAMPLE_VIDEO);
    expect(m).toMatchObject({
      durationSeconds: 5.1,
      width: 1280,
      height: 720,
      rotation: 0,
      frameCount: 153,
      hasAudio: false,
      videoCodec: 'h264',
      variableFrameRate: false,
      bytes: 1345789,
    });
    expect(m.fps).toEqual({ num: 30, den: 1, value: 30 });
    expect(m.container).toContain('mp4');
  });
  it('reads the audio stream of a video with sound', async () => {
    const m = await probeMedia(join(t.dir, 'av.mp4'));
    expect(m.hasAudio).toBe(true);
    expect(m.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 1 });
    expect(m.fps.value).toBe(25);
  });
  it('gives the display size of a rotated video', async () => {
    const m = await probeMedia(join(t.dir, 'rot.mp4'));
    expect([m.width, m.height, m.codedWidth, m.codedHeight]).toEqual([240, 320, 320, 240]);
    expect([90, 270]).toContain(m.rotation);
  });
  it('flags a variable frame rate and counts its frames exactly', async () => {
    const m = await probeMedia(join(t.dir, 'vfr.mp4'));
    expect(m.variableFrameRate).toBe(true);
    expect(m.frameCount).toBe(40);
  });
  it('rejects an audio-only file', async () =>
    expect(await failure(probeMedia(join(t.dir, 'tone.m4a')))).toBe('no-video-stream'));
  it('rejects a truncated mp4', async () =>
    expect(await failure(probeMedia(join(t.dir, 'cut.mp4')))).toBe('unreadable-media'));
  it('rejects a truncated faststart mp4', async () =>
    expect(await failure(probeMedia(join(t.dir, 'fastcut.mp4')))).toBe('unreadable-media'));
  it('rejects a frame wider than 8192 pixels', async () =>
    expect(await failure(probeMedia(join(t.dir, 'wide.mp4')))).toBe('unsupported-media'));
  it('rejects an empty file', async () =>
    expect(await failure(probeMedia(join(t.dir, 'empty.mp4')))).toBe('empty-media'));
  it('rejects a text file', async () =>
    expect(await failure(probeMedia(join(t.dir, 'text.mp4')))).toBe('unreadable-media'));
  it('rejects a missing file', async () =>
    expect(await failure(probeMedia(join(t.dir, 'nope.mp4')))).toBe('not-found'));
  it('stops when cancelled', async () => {
    copyFileSync(SAMPLE_VIDEO, join(t.dir, 'c.mp4'));
    const ac = new AbortController();
    ac.abort();
    expect(await failure(probeMedia(join(t.dir, 'c.mp4'), { signal: ac.signal }))).toBe('cancelled');
  });
});
