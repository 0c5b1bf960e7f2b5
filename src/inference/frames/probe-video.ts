// Just enough of ffprobe for frame extraction: whether there is a picture, its displayed size and duration.
// The JSON is read by the media toolkit's one probe reader; the messages here are the scoring path's own.
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { AbortSignalLike } from '../../shared/progress';
import {
  displaySize,
  MAX_VIDEO_PIXELS,
  MAX_VIDEO_SIDE,
  pictureTooLarge,
  rotationOf,
  videoDurationOf,
  videoStreamOf,
  type ProbeJson,
} from '../../media/parse-probe';
import { lastLine, ProcessError, runProcess } from '../../media/process';
import { toolPath } from '../../media/tools';

/** The video stream of a file as the frame extractor sees it. */
export interface VideoInfo {
  /** Displayed size (after rotation metadata is applied). */
  width: number;
  height: number;
  /** Rotation in degrees from the display matrix (0, 90, 180, 270). */
  rotation: number;
  /** Duration of the video stream (else of the container) in seconds; 0 when unknown. */
  durationSeconds: number;
  codec: string;
  /** Index of this stream in the file (a cover picture may come first). */
  streamIndex: number;
}

/** Probes a file's first real video stream; unreadable files, audio-only files and huge pictures are AppErrors. */
export async function probeVideo(path: string, signal?: AbortSignalLike): Promise<VideoInfo> {
  await checkFile(path);
  const json = await runProbe(path, signal);
  const video = videoStreamOf(json);
  if (!video)
    throw new AppError('no-video-stream', `${path} has no video stream (audio-only or not a video)`);
  const w = video.width ?? 0;
  const h = video.height ?? 0;
  if (w <= 0 || h <= 0)
    throw new AppError('unreadable-media', `${path}: the video stream has no picture size`);
  if (pictureTooLarge(w, h))
    throw new AppError(
      'unsupported-media',
      `${path}: picture ${w}×${h} is too large (at most ${MAX_VIDEO_SIDE} per side and ${MAX_VIDEO_PIXELS} pixels)`,
    );
  const rotation = rotationOf(video);
  return {
    ...displaySize(w, h, rotation),
    rotation,
    durationSeconds: Math.max(0, videoDurationOf(video, json)),
    codec: video.codec_name ?? 'unknown',
    streamIndex: video.index ?? 0,
  };
}

async function runProbe(path: string, signal?: AbortSignalLike): Promise<ProbeJson> {
  const args = ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path];
  let stdout: Buffer;
  try {
    ({ stdout } = await runProcess(toolPath('ffprobe'), args, { signal }));
  } catch (e) {
    if (!(e instanceof ProcessError)) throw e;
    throw new AppError(
      'unreadable-media',
      `Cannot read ${path}: ${lastLine(e.stderrTail) || 'ffprobe failed'}`,
      e.details,
    );
  }
  try {
    return JSON.parse(stdout.toString('utf8')) as ProbeJson;
  } catch {
    throw new AppError('unreadable-media', `Cannot read ${path}: ffprobe gave no usable answer`);
  }
}

async function checkFile(path: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new AppError('not-found', `Video not found: ${path}`);
  if (!st.isFile()) throw new AppError('unreadable-media', `${path} is not a file`);
  if (st.size === 0) throw new AppError('empty-media', `${path} is empty (0 bytes)`);
}
