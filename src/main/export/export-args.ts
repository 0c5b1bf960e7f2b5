// ffmpeg arguments for each export format. The soundtrack always arrives as float PCM on stdin; the video stream
// is copied bit for bit when mp4 can hold its codec, else re-encoded to H.264.
import type { ExportFormat } from '../../shared/export';

/** Video codecs the mp4 muxer accepts as they are (no re-encode). */
export const MP4_COPYABLE_CODECS: readonly string[] = ['h264', 'hevc', 'av1', 'mpeg4', 'vp9'];

/** AAC bit rate of mp4 exports, in kb/s. */
export const AAC_BITRATE_K = 192;

/** What the export encodes: the PCM on stdin, where it goes, and the source video for mp4. */
export interface ExportArgsInput {
  format: ExportFormat;
  /** Rate and channels of the PCM on stdin. */
  sampleRate: number;
  channels: number;
  /** Rate, channels and exact length in samples of the written audio. */
  outputSampleRate: number;
  outputChannels: number;
  outputSamples: number;
  outputPath: string;
  videoPath: string;
  videoCodec: string;
}

/** The ffmpeg command line for an export, and whether the video stream is copied. */
export function exportArgs(o: ExportArgsInput): { args: string[]; videoCopied: boolean } {
  const head = ['-hide_banner', '-v', 'error', '-nostats', '-progress', 'pipe:1', '-y'];
  const pcm = ['-f', 'f32le', '-ar', String(o.sampleRate), '-ac', String(o.channels), '-i', 'pipe:0'];
  const conv = conversion(o);
  if (o.format === 'wav')
    return {
      args: [...head, ...pcm, ...conv, '-c:a', 'pcm_s24le', '-f', 'wav', o.outputPath],
      videoCopied: false,
    };
  if (o.format === 'flac')
    return {
      args: [
        ...head,
        ...pcm,
        ...conv,
        '-c:a',
        'flac',
        '-sample_fmt',
        's32',
        '-bits_per_raw_sample',
        '24',
        '-f',
        'flac',
        o.outputPath,
      ],
      videoCopied: false,
    };
  const copy = MP4_COPYABLE_CODECS.includes(o.videoCodec);
  const video = copy
    ? ['-c:v', 'copy', ...(o.videoCodec === 'hevc' ? ['-tag:v', 'hvc1'] : [])]
    : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p'];
  const maps = ['-map', '0:v:0', '-map', '1:a:0', '-map_metadata', '0'];
  const audio = [...conv, '-c:a', 'aac', '-b:a', `${AAC_BITRATE_K}k`];
  const args = [
    ...head,
    '-i',
    o.videoPath,
    ...pcm,
    ...maps,
    ...video,
    ...audio,
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    o.outputPath,
  ];
  return { args, videoCopied: copy };
}

// Resampling and upmixing in the encoder, padded or cut to the exact sample count, since a resampler's output
// length can differ from the ideal by a sample. Mono is copied to both sides at full level (ffmpeg's default
// upmix would lower it by 3 dB and undo the loudness target).
function conversion(o: ExportArgsInput): string[] {
  if (o.sampleRate === o.outputSampleRate && o.channels === o.outputChannels) return [];
  const n = o.outputSamples;
  const filters = [`aresample=${o.outputSampleRate}`];
  if (o.channels === 1 && o.outputChannels === 2) filters.push('pan=stereo|c0=c0|c1=c0');
  filters.push(`apad=whole_len=${n}`, `atrim=end_sample=${n}`);
  return ['-af', filters.join(','), '-ac', String(o.outputChannels), '-ar', String(o.outputSampleRate)];
}
