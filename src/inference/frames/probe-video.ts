// Just enough of ffprobe for frame extraction: whether there is a picture, its displayed size and duration.
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { AbortSignalLike } from '../../shared/progress';
import { toolPath } from '../../media/tools';
import { lastLine, runProcess } from './spawn';

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

/** Longest picture side the extractor accepts (8K UHD fits). */
export const MAX_SIDE = 8192;
/** Most pixels per picture the extractor accepts: larger frames would take gigabytes per decoded second. */
export const MAX_PIXELS = 8192 * 4352;

interface ProbeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
  side_data_list?: { rotation?: number }[];
  tags?: { rotate?: string };
}

/** Probes a file's first real video stream; unreadable files, audio-only files and huge pictures are AppErrors. */
export async function probeVideo(path: string, signal?: AbortSignalLike): Promise<VideoInfo> {
  await checkFile(path);
  const args = ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path];
  const r = await runProcess(toolPath('ffprobe'), args, { signal });
  if (r.code !== 0)
    throw new AppError('unreadable-media', `Cannot read ${path}: ${lastLine(r.stderr) || 'ffprobe failed'}`);
  let parsed: { streams?: ProbeStream[]; format?: { duration?: string } };
  try {
    parsed = JSON.parse(r.stdout.toString('utf8'));
  } catch {
    throw new AppError('unreadable-media', `Cannot read ${path}: ffprobe gave no usable answer`);
  }
  const video = (parsed.streams ?? []).find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video)
    throw new AppError('no-video-stream', `${path} has no video stream (audio-only or not a video)`);
  // The video stream's own duration: the soundtrack must match the picture, not a longer audio track.
  return toInfo(path, video, Number(video.duration ?? parsed.format?.duration ?? 0));
}

function toInfo(path: string, s: ProbeStream, duration: number): VideoInfo {
  const w = s.width ?? 0;
  const h = s.height ?? 0;
  if (w <= 0 || h <= 0)
    throw new AppError('unreadable-media', `${path}: the video stream has no picture size`);
  if (w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS)
    throw new AppError(
      'unsupported-media',
      `${path}: picture ${w}×${h} is too large (at most ${MAX_SIDE} per side and ${MAX_PIXELS} pixels)`,
    );
  const raw =
    s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? Number(s.tags?.rotate ?? 0);
  const rotation = (((Math.round(raw / 90) * 90) % 360) + 360) % 360;
  const swap = rotation === 90 || rotation === 270;
  return {
    width: swap ? h : w,
    height: swap ? w : h,
    rotation,
    durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : 0,
    codec: s.codec_name ?? 'unknown',
    streamIndex: s.index ?? 0,
  };
}

async function checkFile(path: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new AppError('not-found', `Video not found: ${path}`);
  if (!st.isFile()) throw new AppError('unreadable-media', `${path} is not a file`);
  if (st.size === 0) throw new AppError('empty-media', `${path} is empty (0 bytes)`);
}
