import { describe, expect, it } from 'vitest';
import { exportArgs, type ExportArgsInput } from '../../../src/main/export/export-args';

const base: ExportArgsInput = {
  format: 'mp4',
  sampleRate: 48000,
  channels: 2,
  outputSampleRate: 48000,
  outputChannels: 2,
  outputSamples: 244800,
  outputPath: '/o/.x.partial',
  videoPath: '/v.mp4',
  videoCodec: 'h264',
};
const head = ['-hide_banner', '-v', 'error', '-nostats', '-progress', 'pipe:1', '-y'];
const pcm = ['-f', 'f32le', '-ar', '48000', '-ac', '2', '-i', 'pipe:0'];

describe('exportArgs', () => {
  it('copies H.264 into mp4 with AAC 192k and faststart', () => {
    expect(exportArgs(base)).toEqual({
      videoCopied: true,
      args: [
        ...head,
        '-i',
        '/v.mp4',
        ...pcm,
        '-map',
        '0:v:0',
        '-map',
        '1:a:0',
        '-map_metadata',
        '0',
        '-c:v',
        'copy',
        '-c:a',
        'aac',
        '-b:a',
        '192k',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        '/o/.x.partial',
      ],
    });
  });
  it('tags copied HEVC as hvc1 so every player opens it', () => {
    expect(exportArgs({ ...base, videoCodec: 'hevc' }).args.join(' ')).toContain('-c:v copy -tag:v hvc1');
  });
  it('re-encodes codecs mp4 cannot hold', () => {
    const r = exportArgs({ ...base, videoCodec: 'prores' });
    expect(r.videoCopied).toBe(false);
    expect(r.args.join(' ')).toContain('-c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p');
  });
  it('writes 24-bit WAV and FLAC from the PCM alone', () => {
    expect(exportArgs({ ...base, format: 'wav' }).args).toEqual([
      ...head,
      ...pcm,
      '-c:a',
      'pcm_s24le',
      '-f',
      'wav',
      '/o/.x.partial',
    ]);
    expect(exportArgs({ ...base, format: 'flac' }).args.slice(-9)).toEqual([
      '-c:a',
      'flac',
      '-sample_fmt',
      's32',
      '-bits_per_raw_sample',
      '24',
      '-f',
      'flac',
      '/o/.x.partial',
    ]);
  });
  it('resamples mono music to 48 kHz stereo at full level, exactly the asked length', () => {
    const args = exportArgs({ ...base, sampleRate: 32000, channels: 1 }).args;
    expect(args.slice(args.indexOf('-af'), args.indexOf('-af') + 6)).toEqual([
      '-af',
      'aresample=48000,pan=stereo|c0=c0|c1=c0,apad=whole_len=244800,atrim=end_sample=244800',
      '-ac',
      '2',
      '-ar',
      '48000',
    ]);
  });
});
