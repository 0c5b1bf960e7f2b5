// The export job: renders the soundtrack for a video and writes an mp4 (video copied, AAC), a WAV or a FLAC.
// One path serves the editor's export and the CLI's `score`; cancel or failure leaves no file behind.
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { EXPORT_FORMATS } from '../../shared/export';
import type { MediaInfo } from '../../shared/media';
import type { JobOptions } from '../../shared/progress';
import { probeMedia } from '../../media/probe-media';
import { runFfmpegEncode } from './encode';
import { exportArgs } from './export-args';
import { buildSoundtrack, type ExportRequest, type ExportResult } from './soundtrack-for-export';
import { prepareOutput, type PendingOutput } from './output-file';

export type { ExportRequest, ExportResult } from './soundtrack-for-export';

/** Exports the video's soundtrack (and the video for mp4) to the options' outputPath. */
export async function exportVideo(req: ExportRequest, opts: JobOptions = {}): Promise<ExportResult> {
  validateRequest(req);
  const before = await sourceStamp(req.videoPath);
  opts.onProgress?.({ stage: 'probe', done: 0, total: 1, etaSeconds: null });
  const media = await probeMedia(req.videoPath, { signal: opts.signal });
  const out = await prepareOutput(req.options.outputPath, req.videoPath);
  try {
    const result = await render(req, media, out, opts);
    if ((await sourceStamp(req.videoPath).catch(() => null)) !== before)
      throw new AppError(
        'media-changed',
        `The source video ${req.videoPath} was deleted or changed during the export: nothing was written`,
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
  req: ExportRequest,
  media: MediaInfo,
  out: PendingOutput,
  opts: JobOptions,
): Promise<ExportResult> {
  opts.onProgress?.({ stage: 'mixdown', done: 0, total: 1, etaSeconds: null });
  const track = await buildSoundtrack(req, media, opts.signal);
  opts.onProgress?.({ stage: 'mixdown', done: 1, total: 1, etaSeconds: null });
  const { args, videoCopied } = exportArgs({
    format: req.options.format,
    sampleRate: track.sampleRate,
    channels: track.channels.length,
    outputSampleRate: track.result.sampleRate,
    outputChannels: track.result.channels,
    outputSamples: track.result.samples,
    outputPath: out.tempPath,
    videoPath: req.videoPath,
    videoCodec: media.videoCodec,
  });
  await runFfmpegEncode(
    args,
    track.channels,
    { durationSeconds: media.durationSeconds, outputPath: req.options.outputPath, videoPath: req.videoPath },
    opts,
  );
  return { ...track.result, outputPath: out.finalPath, videoCopied };
}

// The API validated the options against their schema; the command line and the tests call here directly.
function validateRequest(i: ExportRequest): void {
  const o = i.options;
  if (!(EXPORT_FORMATS as readonly string[]).includes(o.format))
    throw new AppError('invalid-input', `Unknown export format "${String(o.format)}": use mp4, wav or flac`);
  if (!Number.isInteger(i.musicSampleRate) || i.musicSampleRate < 8000 || i.musicSampleRate % 10 !== 0)
    throw new AppError(
      'invalid-input',
      `Music sample rate ${i.musicSampleRate} Hz is not supported (a whole multiple of 10 Hz from 8 kHz)`,
    );
  if (!(i.music instanceof Float32Array))
    throw new AppError('invalid-input', 'The music must be float PCM (Float32Array)');
  for (const [name, v] of [
    ['musicGainDb', o.musicGainDb],
    ['originalGainDb', o.originalGainDb],
    ['loudnessTarget', o.loudnessTarget],
  ] as const)
    if (!Number.isFinite(v)) throw new AppError('invalid-input', `${name} must be a finite number of dB`);
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
