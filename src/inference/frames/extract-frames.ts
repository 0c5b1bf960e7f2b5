// Decodes a video into frames at the bundle's rate and size. ffmpeg applies rotation metadata (autorotate)
// and picks, for every k, the frame on screen at t = k / fps (timestamps from the first frame, so constant
// and variable frame rate alike); it pipes them at their native size as rgb24, and each is resized here with
// torchvision's bilinear resize, as the official reader does, into the [T,3,H,W] layout.
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { estimateEta } from '../../shared/progress';
import type { FrameSpec, Frames } from './frame-spec';
import { probeVideo } from './probe-video';
import { lastLine, ProcessError, runProcess } from '../../media/process';
import { toolPath } from '../../media/tools';
import { FrameSink } from './frame-sink';

/** ffmpeg's quiet input arguments that decode one video stream of `path` and drop every other stream. */
export function videoInputArgs(path: string, streamIndex: number): string[] {
  return [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-i',
    path,
    '-map',
    `0:${streamIndex}`,
    '-an',
    '-sn',
    '-dn',
  ];
}

/**
 * ffmpeg arguments that write, at native size as rgb24, frame k = the frame shown at k / fps s of stream
 * `streamIndex`: timestamps start at 0, and rounding each frame's time up onto the grid makes the grid point
 * k/fps take the last frame that starts at or before it.
 */
export function frameArgs(path: string, spec: Pick<FrameSpec, 'fps'>, streamIndex = 0): string[] {
  const vf = `setpts=PTS-STARTPTS,fps=${spec.fps}:round=up,format=rgb24`;
  return [
    ...videoInputArgs(path, streamIndex),
    '-vf',
    vf,
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
}

/**
 * Decodes every frame of a video at spec.fps, each whole frame resized to spec.width×spec.height.
 * Unreadable, audio-only, empty, truncated or huge videos are AppErrors; abort kills ffmpeg.
 */
export async function extractFrames(path: string, spec: FrameSpec, opts: JobOptions = {}): Promise<Frames> {
  const info = await probeVideo(path, opts.signal);
  const expected = Math.max(1, Math.ceil(info.durationSeconds * spec.fps));
  const sink = new FrameSink(spec, info.width, info.height);
  const started = Date.now();
  const report = (): void =>
    opts.onProgress?.({
      stage: 'frames',
      done: Math.min(sink.count, expected),
      total: expected,
      etaSeconds: estimateEta(started, Date.now(), sink.count, expected),
    });
  report();
  let stderrTail: string[];
  try {
    ({ stderrTail } = await runProcess(toolPath('ffmpeg'), frameArgs(path, spec, info.streamIndex), {
      signal: opts.signal,
      onStdoutData: (c) => {
        const before = sink.count;
        sink.push(c);
        if (sink.count !== before) report();
      },
    }));
  } catch (e) {
    if (!(e instanceof ProcessError)) throw e;
    throw new AppError(
      'unreadable-media',
      `Cannot decode ${path}: ${lastLine(e.stderrTail) || `ffmpeg exited with ${e.exitCode}`}`,
      e.details,
    );
  }
  if (sink.count === 0) throw new AppError('empty-media', `${path} has no video frames (zero length)`);
  checkComplete(path, sink.count, info.durationSeconds * spec.fps, stderrTail);
  opts.onProgress?.({ stage: 'frames', done: sink.count, total: sink.count, etaSeconds: 0 });
  return { spec, count: sink.count, data: sink.result() };
}

/** A file whose frames stop well before its stated duration is truncated or damaged. */
function checkComplete(path: string, got: number, expected: number, stderr: string[]): void {
  if (got + 1 >= Math.floor(expected * 0.9)) return;
  const why = lastLine(stderr);
  throw new AppError(
    'unreadable-media',
    `${path} is truncated or damaged: decoded ${got} of ${Math.ceil(expected)} frames${why ? ` (${why})` : ''}`,
  );
}
