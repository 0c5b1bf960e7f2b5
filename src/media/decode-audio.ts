// Decodes a media file's first audio stream to float PCM at a chosen rate and channel count, through ffmpeg.
import { AppError } from '../shared/errors';
import type { AbortSignalLike } from '../shared/progress';
import { deinterleaveF32 } from './pcm-buffers';
import { ProcessError, runProcess } from './process';
import { toolPath } from './tools';

/** Options of an audio decode. */
export interface DecodeAudioOptions {
  sampleRate: number;
  channels: number;
  signal?: AbortSignalLike;
}

/** The first audio stream of a file as per-channel float PCM (ffmpeg resamples and down/up-mixes). */
export async function decodeAudio(path: string, o: DecodeAudioOptions): Promise<Float32Array[]> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-i',
    path,
    '-map',
    '0:a:0',
    '-vn',
    '-f',
    'f32le',
    '-ac',
    String(o.channels),
    '-ar',
    String(o.sampleRate),
    'pipe:1',
  ];
  try {
    const { stdout } = await runProcess(toolPath('ffmpeg'), args, { signal: o.signal });
    return deinterleaveF32(stdout, o.channels);
  } catch (e) {
    if (e instanceof ProcessError)
      throw new AppError(
        'unreadable-media',
        `The audio of ${path} cannot be decoded (${e.stderrTail.at(-1) ?? 'ffmpeg failed'})`,
        e.details,
      );
    throw e;
  }
}

/** Mono PCM converted to another sample rate by ffmpeg's resampler. */
export async function resampleMono(
  pcm: Float32Array,
  fromRate: number,
  toRate: number,
  signal?: AbortSignalLike,
): Promise<Float32Array> {
  if (fromRate === toRate) return pcm.slice();
  const args = [
    '-hide_banner',
    '-v',
    'error',
    '-f',
    'f32le',
    '-ar',
    String(fromRate),
    '-ac',
    '1',
    '-i',
    'pipe:0',
    '-f',
    'f32le',
    '-ar',
    String(toRate),
    'pipe:1',
  ];
  const input = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const { stdout } = await runProcess(toolPath('ffmpeg'), args, { signal, stdin: input });
  return deinterleaveF32(stdout, 1)[0];
}
