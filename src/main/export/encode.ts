// Runs the export's ffmpeg with the soundtrack on stdin, turning its progress into job progress and its failures
// into specific errors (full disk, unwritable folder, source gone).
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { estimateEta } from '../../shared/progress';
import { interleaveF32 } from '../../media/pcm-buffers';
import { ProcessError, runProcess } from '../../media/process';
import { toolPath } from '../../media/tools';
import { progressBlockReader } from './ffmpeg-progress';

/** What an encode error message needs to name. */
export interface EncodeContext {
  durationSeconds: number;
  outputPath: string;
  videoPath: string;
}

const CHUNK = 1 << 20;

function* chunks(buf: Buffer): Iterable<Uint8Array> {
  for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
}

/** Runs ffmpeg with `args`, feeding the channels as f32le on stdin; reports 'encode' progress in milliseconds. */
export async function runFfmpegEncode(
  args: string[],
  channels: Float32Array[],
  ctx: EncodeContext,
  opts: JobOptions,
): Promise<void> {
  const total = Math.round(ctx.durationSeconds * 1000);
  const started = Date.now();
  const onLine = progressBlockReader((p) => {
    const done = p.ended ? total : Math.min(total, Math.round(p.outSeconds * 1000));
    opts.onProgress?.({
      stage: 'encode',
      done,
      total,
      etaSeconds: estimateEta(started, Date.now(), done, total),
    });
  });
  try {
    await runProcess(toolPath('ffmpeg'), args, {
      signal: opts.signal,
      stdin: chunks(interleaveF32(channels)),
      onStdoutLine: onLine,
    });
  } catch (e) {
    throw e instanceof ProcessError ? encodeError(e, ctx) : e;
  }
}

/** Maps ffmpeg's last words to the error the user can act on. */
export function encodeError(e: ProcessError, ctx: EncodeContext): AppError {
  const log = e.stderrTail.join('\n');
  if (/No space left on device|Disk quota exceeded/i.test(log))
    return new AppError(
      'disk-full',
      `The disk is full: ${ctx.outputPath} could not be written. Free some space and export again`,
      e.details,
    );
  if (/Read-only file system|Permission denied/i.test(log))
    return new AppError(
      'not-writable',
      `${ctx.outputPath} cannot be written: the folder is not writable`,
      e.details,
    );
  if (log.includes(ctx.videoPath) && /No such file|Invalid data|could not find/i.test(log))
    return new AppError(
      'media-changed',
      `The source video ${ctx.videoPath} was deleted or changed during the export`,
      e.details,
    );
  return new AppError(
    'internal',
    `Export failed: ffmpeg stopped with "${e.stderrTail.at(-1) ?? `exit ${e.exitCode}`}"`,
    e.details,
  );
}
