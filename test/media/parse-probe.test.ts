import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { parseProbe, parseRational, type ProbeJson } from '../../src/media/parse-probe';

const video = (over: Record<string, unknown> = {}): ProbeJson => ({
  format: { format_name: 'mov,mp4', duration: '5.1', size: '100' },
  streams: [
    {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1280,
      height: 720,
      pix_fmt: 'yuv420p',
      r_frame_rate: '30/1',
      avg_frame_rate: '30/1',
      duration: '5.1',
      nb_frames: '153',
      ...over,
    },
  ],
});

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : 'other';
  }
  return 'none';
};

describe('parseRational', () => {
  it('keeps NTSC rates exact', () =>
    expect(parseRational('30000/1001')).toEqual({ num: 30000, den: 1001, value: 30000 / 1001 }));
  it('rejects 0/0 and garbage', () => {
    expect(parseRational('0/0')).toBeNull();
    expect(parseRational('abc')).toBeNull();
  });
});

describe('parseProbe', () => {
  it('reads size, rate, frames and no audio', () => {
    const m = parseProbe(video(), '/v.mp4', 100);
    expect(m).toMatchObject({
      width: 1280,
      height: 720,
      rotation: 0,
      durationSeconds: 5.1,
      frameCount: 153,
      hasAudio: false,
      audio: null,
      variableFrameRate: false,
      videoCodec: 'h264',
      bytes: 100,
    });
  });
  it('swaps the display size for a 90° or 270° display matrix', () => {
    const m = parseProbe(video({ side_data_list: [{ rotation: -90 }] }), '/v.mp4', 1);
    expect([m.width, m.height, m.rotation, m.codedWidth]).toEqual([720, 1280, 270, 1280]);
  });
  it('flags a variable frame rate when the mean rate differs from the nominal one', () => {
    expect(parseProbe(video({ avg_frame_rate: '2731/100' }), '/v', 1).variableFrameRate).toBe(true);
  });
  it('rejects an audio-only file', () => {
    const j: ProbeJson = { streams: [{ codec_type: 'audio', codec_name: 'mp3' }], format: {} };
    expect(codeOf(() => parseProbe(j, '/a.mp3', 1))).toBe(
      'no-video-stream: /a.mp3 is an audio-only file: open a video to score it',
    );
  });
  it('ignores cover art as a video stream', () => {
    const j: ProbeJson = {
      streams: [
        { codec_type: 'audio' },
        { codec_type: 'video', width: 600, height: 600, disposition: { attached_pic: 1 } },
      ],
    };
    expect(codeOf(() => parseProbe(j, '/a.m4a', 1))).toMatch(/^no-video-stream/);
  });
  it('rejects zero length', () => {
    expect(codeOf(() => parseProbe(video({ duration: '0', nb_frames: '0' }), '/v', 1))).toBe(
      'empty-media: /v: the video is empty (zero length)',
    );
  });
  it('rejects a resolution beyond 8192', () => {
    expect(codeOf(() => parseProbe(video({ width: 16384, height: 8640 }), '/v', 1))).toBe(
      'unsupported-media: /v: 16384×8640 is larger than the supported 8192×8192',
    );
  });
});
