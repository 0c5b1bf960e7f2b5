import { describe, expect, it } from 'vitest';
import {
  parseFfmpegProgress,
  parseTimestamp,
  progressBlockReader,
  type FfmpegProgress,
} from '../../../src/main/export/ffmpeg-progress';

const block = `frame=153
fps=0.00
stream_0_0_q=-1.0
bitrate=N/A
total_size=48
out_time_us=5100000
out_time_ms=5100000
out_time=00:00:05.100000
dup_frames=0
drop_frames=0
speed=61.2x
progress=end`;

describe('parseTimestamp', () => {
  it('reads hours, minutes and fractional seconds', () =>
    expect(parseTimestamp('01:02:03.25')).toBe(3723.25));
  it('reads negative times and rejects N/A', () => {
    expect(parseTimestamp('-00:00:00.021333')).toBeCloseTo(-0.021333, 9);
    expect(parseTimestamp('N/A')).toBeNull();
  });
});

describe('parseFfmpegProgress', () => {
  it('reads a -progress block', () => {
    expect(parseFfmpegProgress(block)).toEqual({ outSeconds: 5.1, speed: 61.2, frame: 153, ended: true });
  });
  it('reads a block with N/A speed and continue', () => {
    const b = 'out_time_us=250000\nout_time=00:00:00.250000\nspeed=N/A\nprogress=continue';
    expect(parseFfmpegProgress(b)).toEqual({ outSeconds: 0.25, speed: null, frame: null, ended: false });
  });
  it('falls back to out_time when out_time_us is N/A', () => {
    expect(parseFfmpegProgress('out_time_us=N/A\nout_time=00:01:00.500000\nprogress=continue')).toMatchObject(
      { outSeconds: 60.5 },
    );
  });
  it('clamps a negative start (encoder priming) to zero', () => {
    expect(parseFfmpegProgress('out_time_us=-21333\nprogress=continue')).toMatchObject({ outSeconds: 0 });
  });
  it('reads a classic stderr stats line', () => {
    const line =
      'frame=  750 fps=250 q=-1.0 size=    2048kB time=00:00:25.00 bitrate= 671.1kbits/s speed=8.33x';
    expect(parseFfmpegProgress(line)).toEqual({ outSeconds: 25, speed: 8.33, frame: 750, ended: false });
  });
  it('reads an audio-only stats line', () => {
    expect(parseFfmpegProgress('size=     512kB time=00:01:30.02 bitrate=  46.6kbits/s speed=  95x')).toEqual(
      { outSeconds: 90.02, speed: 95, frame: null, ended: false },
    );
  });
  it('ignores log lines without a time', () => {
    expect(parseFfmpegProgress('Stream mapping:')).toBeNull();
    expect(parseFfmpegProgress('  Stream #0:0 -> #0:0 (copy)')).toBeNull();
    expect(parseFfmpegProgress('time=N/A bitrate=N/A speed=N/A')).toBeNull();
  });
});

describe('progressBlockReader', () => {
  it('emits one report per block, at its progress= line', () => {
    const seen: FfmpegProgress[] = [];
    const read = progressBlockReader((p) => seen.push(p));
    for (const l of 'out_time_us=1000000\nprogress=continue\nout_time_us=2000000\nspeed=2x\nprogress=end'.split(
      '\n',
    ))
      read(l);
    expect(seen.map((p) => [p.outSeconds, p.ended])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
