// Decodes a video into frames at the bundle's rate and size with ffmpeg (rgb24 piped on stdout).
// ffmpeg applies rotation metadata itself (autorotate) and its fps filter resamples variable frame rate
// video onto a fixed grid, so every container and codec ffmpeg reads gives the same [T,3,H,W] layout.
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { estimateEta } from '../../shared/progress';
import type { FrameSpec, Frames } from './frame-spec';
import { frameBytes } from './frame-spec';
import { probeVideo } from './probe-video';
import { toolPath } from '../../media/tools';
import { lastLine, runProcess } from './spawn';

/** ffmpeg arguments that write rgb24 frames of a spec, from stream `streamIndex`, to stdout. */
export function frameArgs(path: string, spec: FrameSpec, streamIndex = 0): string[] {
  const vf = `fps=${spec.fps},scale=${spec.width}:${spec.height}:flags=bilinear,format=rgb24`;
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

/** Interleaved HWC rgb24 → planar CHW, written at `out[offset..]`. */
export function rgb24ToPlanar(src: Uint8Array, w: number, h: number, out: Uint8Array, offset: number): void {
  const plane = w * h;
  for (let p = 0, s = 0; p < plane; p++, s += 3) {
    out[offset + p] = src[s]!;
    out[offset + plane + p] = src[s + 1]!;
    out[offset + 2 * plane + p] = src[s + 2]!;
  }
}

/** Accumulates stdout chunks into whole planar frames. */
class FrameSink {
  private pending = Buffer.alloc(0);
  private planes: Uint8Array[] = [];
  constructor(private readonly spec: FrameSpec) {}
  get count(): number {
    return this.planes.length;
  }
  push(chunk: Buffer): void {
    const b = frameBytes(this.spec);
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= b) {
      const frame = new Uint8Array(b);
      rgb24ToPlanar(buf.subarray(0, b), this.spec.width, this.spec.height, frame, 0);
      this.planes.push(frame);
      buf = buf.subarray(b);
    }
    this.pending = Buffer.from(buf);
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.planes.length * frameBytes(this.spec));
    this.planes.forEach((p, i) => out.set(p, i * p.length));
    return out;
  }
}

/**
 * Decodes every frame of a video at spec.fps, each whole frame resized to spec.width×spec.height.
 * Unreadable, audio-only, empty, truncated or huge videos are AppErrors; abort kills ffmpeg.
 */
export async function extractFrames(path: string, spec: FrameSpec, opts: JobOptions = {}): Promise<Frames> {
  const info = await probeVideo(path, opts.signal);
  const expected = Math.max(1, Math.ceil(info.durationSeconds * spec.fps));
  const sink = new FrameSink(spec);
  const started = Date.now();
  const report = (): void =>
    opts.onProgress?.({
      stage: 'frames',
      done: Math.min(sink.count, expected),
      total: expected,
      etaSeconds: estimateEta(started, Date.now(), sink.count, expected),
    });
  report();
  const r = await runProcess(toolPath('ffmpeg'), frameArgs(path, spec, info.streamIndex), {
    signal: opts.signal,
    onStdout: (c) => {
      const before = sink.count;
      sink.push(c);
      if (sink.count !== before) report();
    },
  });
  if (r.code !== 0)
    throw new AppError(
      'unreadable-media',
      `Cannot decode ${path}: ${lastLine(r.stderr) || `ffmpeg exited with ${r.code ?? r.signal}`}`,
    );
  if (sink.count === 0) throw new AppError('empty-media', `${path} has no video frames (zero length)`);
  checkComplete(path, sink.count, info.durationSeconds * spec.fps, r.stderr);
  opts.onProgress?.({ stage: 'frames', done: sink.count, total: sink.count, etaSeconds: 0 });
  return { spec, count: sink.count, data: sink.result() };
}

/** A file whose frames stop well before its stated duration is truncated or damaged. */
function checkComplete(path: string, got: number, expected: number, stderr: string): void {
  if (got + 1 >= Math.floor(expected * 0.9)) return;
  const why = lastLine(stderr);
  throw new AppError(
    'unreadable-media',
    `${path} is truncated or damaged: decoded ${got} of ${Math.ceil(expected)} frames${why ? ` (${why})` : ''}`,
  );
}
