// The export job: renders the soundtrack for a video and writes an mp4 (video copied, AAC), a WAV or a FLAC.
// One path serves the editor's export and the CLI's `score`; cancel or failure leaves no file behind.
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { ExportFormat } from '../../shared/export';
import type { MediaInfo } from '../../shared/media';
import type { JobOptions } from '../../shared/progress';
import { probeMedia } from '../../media/probe-media';
import { runFfmpegEncode } from './encode';
import { exportArgs } from './export-args';
import { buildSoundtrack, type ExportInput, type ExportResult } from './soundtrack-for-export';
import { prepareOutput, type PendingOutput } from './output-file';

export type { ExportInput, ExportResult } from './soundtrack-for-export';

/** Exports the video's soundtrack (and the video for mp4) to input.outputPath; see ExportInput for the options. */
export async function exportVideo(input: ExportInput, opts: JobOptions = {}): Promise<ExportResult> {
  validateInput(input);
  const before = await sourceStamp(input.videoPath);
  opts.onProgress?.({ stage: 'probe', done: 0, total: 1, etaSeconds: null });
  const media = await probeMedia(input.videoPath, { signal: opts.signal });
  const out = await prepareOutput(input.outputPath, input.videoPath);
  try {
    const result = await render(input, media, out, opts);
    if ((await sourceStamp(input.videoPath).catch(() => null)) !== before)
      throw new AppError(
        'media-changed',
        `The source video ${input.videoPath} was deleted or changed during the export: nothing was written`,
      );
    opts.onProgress?.({ stage: 'write', done: 0, total: 1, etaSeconds: null });
    await out.commit();
    opts.onProgress?.({ stage: 'write', done: 1, total: 1, etaSeconds: 0 });
    return result;
  } catch (e) {
    await out.discard();
    throw e;
  }
}

async function render(
  input: ExportInput,
  media: MediaInfo,
  out: PendingOutput,
  opts: JobOptions,
): Promise<ExportResult> {
  opts.onProgress?.({ stage: 'mixdown', done: 0, total: 1, etaSeconds: null });
  const track = await buildSoundtrack(input, media, opts.signal);
  opts.onProgress?.({ stage: 'mixdown', done: 1, total: 1, etaSeconds: null });
  const { args, videoCopied } = exportArgs({
    format: input.format,
    sampleRate: track.sampleRate,
    channels: track.channels.length,
    outputSampleRate: track.result.sampleRate,
    outputChannels: track.result.channels,
    outputSamples: track.result.samples,
    outputPath: out.tempPath,
    videoPath: input.videoPath,
    videoCodec: media.videoCodec,
  });
  await runFfmpegEncode(
    args,
    track.channels,
    { durationSeconds: media.durationSeconds, outputPath: input.outputPath, videoPath: input.videoPath },
    opts,
  );
  return { ...track.result, outputPath: out.finalPath, videoCopied };
}

const FORMATS: readonly ExportFormat[] = ['mp4', 'wav', 'flac'];

function validateInput(i: ExportInput): void {
  if (!FORMATS.includes(i.format))
    throw new AppError('invalid-input', `Unknown export format "${String(i.format)}": use mp4, wav or flac`);
  if (!Number.isInteger(i.musicSampleRate) || i.musicSampleRate < 8000 || i.musicSampleRate % 10 !== 0)
    throw new AppError(
      'invalid-input',
      `Music sample rate ${i.musicSampleRate} Hz is not supported (a whole multiple of 10 Hz from 8 kHz)`,
    );
  if (!(i.music instanceof Float32Array))
    throw new AppError('invalid-input', 'The music must be float PCM (Float32Array)');
  for (const [name, v] of [
    ['musicGainDb', i.musicGainDb],
    ['originalGainDb', i.originalGainDb],
    ['loudnessTarget', i.loudnessTarget],
    ['truePeakLimit', i.truePeakLimit],
  ] as const)
    if (v !== undefined && v !== null && !Number.isFinite(v))
      throw new AppError('invalid-input', `${name} must be a finite number of dB`);
}

// Size, change time and inode: a deleted, replaced or rewritten source changes at least one of them.
async function sourceStamp(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    throw new AppError('not-found', `The source video ${path} does not exist`);
  }
}
