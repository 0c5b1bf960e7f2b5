// Native frames picked by index, as the official reader takes its global frames: it counts the video's
// frames (decord's len, one per packet) and decodes the frames at chosen indices, in presentation order.
import { AppError } from '../../shared/errors';
import type { AbortSignalLike, JobOptions } from '../../shared/progress';
import { lastLine, ProcessError, runProcess, type RunResult } from '../../media/process';
import { toolPath } from '../../media/tools';
import { videoInputArgs } from './extract-frames';
import { FrameSink } from './frame-sink';
import type { FrameSpec, Frames } from './frame-spec';
import { gatherFrames } from './frame-spec';
import type { VideoInfo } from './probe-video';

/** Number of frames of the video stream `streamIndex` (its packets, counted by ffprobe). */
export async function countVideoFrames(
  path: string,
  streamIndex: number,
  signal?: AbortSignalLike,
): Promise<number> {
  const args = ['-v', 'error', '-count_packets', '-select_streams', String(streamIndex)];
  args.push('-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path);
  const r = await settle(runProcess(toolPath('ffprobe'), args, { signal }));
  const n = Number(r.stdout.toString('utf8').replace(/,/g, '').trim());
  if (r.exitCode !== 0 || !Number.isSafeInteger(n) || n < 1)
    throw new AppError(
      'unreadable-media',
      `Cannot count the frames of ${path}: ${lastLine(r.stderrTail) || 'no frames'}`,
    );
  return n;
}

/** A run's result whatever its exit status (a non-zero exit is a result here, not an error). */
async function settle(run: Promise<RunResult>): Promise<RunResult> {
  try {
    return await run;
  } catch (e) {
    if (!(e instanceof ProcessError)) throw e;
    return { exitCode: e.exitCode, stdout: Buffer.alloc(0), stderrTail: e.stderrTail };
  }
}

/** ffmpeg arguments that write the decoded frames numbered `sorted` (ascending, from 0) at native size as rgb24. */
export function framesAtArgs(path: string, sorted: readonly number[], streamIndex: number): string[] {
  const pick = sorted.map((i) => `eq(n,${i})`).join('+');
  return [
    ...videoInputArgs(path, streamIndex),
    ...['-vf', `select='${pick}',format=rgb24`, '-fps_mode', 'passthrough'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
  ];
}

/**
 * The frames at `indices` (presentation order from 0; repeats allowed) resized to `spec`, as [N,3,H,W].
 * A file that ends before an index gives its last decoded frame there.
 */
export async function extractFramesAt(
  path: string,
  info: VideoInfo,
  spec: FrameSpec,
  indices: readonly number[],
  opts: JobOptions = {},
): Promise<Frames> {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const sink = new FrameSink(spec, info.width, info.height);
  const report = (): void =>
    opts.onProgress?.({ stage: 'frames', done: sink.count, total: sorted.length, etaSeconds: null });
  report();
  const r = await settle(
    runProcess(toolPath('ffmpeg'), framesAtArgs(path, sorted, info.streamIndex), {
      signal: opts.signal,
      onStdoutData: (c) => {
        const before = sink.count;
        sink.push(c);
        if (sink.count !== before) report();
      },
    }),
  );
  if (r.exitCode !== 0 || sink.count === 0)
    throw new AppError(
      'unreadable-media',
      `Cannot decode ${path}: ${lastLine(r.stderrTail) || `ffmpeg gave ${sink.count} frames (exit ${r.exitCode})`}`,
    );
  const decoded: Frames = { spec, count: sink.count, data: sink.result() };
  const row = new Map(sorted.map((i, k) => [i, Math.min(k, sink.count - 1)]));
  return gatherFrames(
    decoded,
    indices.map((i) => row.get(i)!),
  );
}
