// The one reader of ffprobe's JSON: which stream is the picture, its rotation, displayed size, duration and the
// size limits, for main's MediaInfo and the inference host's frame extractor alike. parseProbe turns it into
// MediaInfo and rejects inputs the app cannot score, each with a specific message. Pure, so every rejection
// rule is tested without crafting broken files for each.
import { AppError } from '../shared/errors';
import type { AudioStreamInfo, FrameRate, MediaInfo } from '../shared/media';

/** Largest accepted display side in pixels (8K); bigger frames would exhaust memory while decoding. */
export const MAX_VIDEO_SIDE = 8192;
/** Most pixels per picture (8K UHD fits): larger frames would take gigabytes per decoded second. */
export const MAX_VIDEO_PIXELS = 8192 * 4352;

/** One stream of ffprobe's `-show_streams` answer (the fields read here). */
export interface ProbeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  coded_width?: number;
  coded_height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}

/** The subset of `ffprobe -show_format -show_streams -print_format json` that MediaInfo is built from. */
export interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string; size?: string };
}

/** Parses "30000/1001" into an exact frame rate; null for "0/0" or garbage. */
export function parseRational(s: string | undefined): FrameRate | null {
  const m = /^(\d+)\/(\d+)$/.exec(s ?? '');
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (num <= 0 || den <= 0) return null;
  return { num, den, value: num / den };
}

const finite = (s: string | undefined): number | null => {
  const n = Number(s);
  return s !== undefined && Number.isFinite(n) ? n : null;
};

/** The picture stream: the first video stream that is not an attached cover picture. */
export function videoStreamOf(json: ProbeJson): ProbeStream | undefined {
  return (json.streams ?? []).find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
}

/** Seconds of the video stream itself (the soundtrack must match the picture), else of the container; 0 if unknown. */
export function videoDurationOf(v: ProbeStream, json: ProbeJson): number {
  return finite(v.duration) ?? finite(json.format?.duration) ?? 0;
}

/** True when a coded picture of w×h exceeds the side or pixel limit. */
export function pictureTooLarge(w: number, h: number): boolean {
  return w > MAX_VIDEO_SIDE || h > MAX_VIDEO_SIDE || w * h > MAX_VIDEO_PIXELS;
}

/** Displayed size of a coded w×h picture turned by `rotation` degrees. */
export function displaySize(w: number, h: number, rotation: number): { width: number; height: number } {
  const swap = rotation === 90 || rotation === 270;
  return swap ? { width: h, height: w } : { width: w, height: h };
}

/** Rotation in degrees (0, 90, 180, 270) from the display matrix, else the rotate tag. */
export function rotationOf(v: ProbeStream): number {
  const fromMatrix = v.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const raw = fromMatrix ?? finite(v.tags?.rotate) ?? 0;
  const r = Math.round(raw / 90) * 90;
  return ((r % 360) + 360) % 360;
}

function audioOf(streams: ProbeStream[], fallbackDuration: number): AudioStreamInfo | null {
  const a = streams.find((s) => s.codec_type === 'audio');
  if (!a) return null;
  return {
    codec: a.codec_name ?? 'unknown',
    sampleRate: finite(a.sample_rate) ?? 0,
    channels: a.channels ?? 0,
    durationSeconds: finite(a.duration) ?? fallbackDuration,
  };
}

// A variable-frame-rate stream's mean rate differs from its nominal one; a 0.1 % difference tolerates rounding.
function isVariable(nominal: FrameRate, avg: FrameRate | null): boolean {
  if (!avg) return false;
  return Math.abs(avg.value - nominal.value) / nominal.value > 0.001;
}

/** MediaInfo from ffprobe's JSON; throws AppError for audio-only, zero-length, huge or rate-less video. */
export function parseProbe(json: ProbeJson, path: string, bytes: number): MediaInfo {
  const streams = json.streams ?? [];
  const v = videoStreamOf(json);
  if (!v) {
    const what = streams.some((s) => s.codec_type === 'audio')
      ? 'an audio-only file'
      : 'a file without a video stream';
    throw new AppError('no-video-stream', `${path} is ${what}: open a video to score it`);
  }
  const duration = videoDurationOf(v, json);
  const codedWidth = v.width ?? 0;
  const codedHeight = v.height ?? 0;
  if (codedWidth <= 0 || codedHeight <= 0)
    throw new AppError('unreadable-media', `${path}: the video stream has no frame size`);
  if (codedWidth > MAX_VIDEO_SIDE || codedHeight > MAX_VIDEO_SIDE)
    throw new AppError(
      'unsupported-media',
      `${path}: ${codedWidth}×${codedHeight} is larger than the supported ${MAX_VIDEO_SIDE}×${MAX_VIDEO_SIDE}`,
    );
  if (pictureTooLarge(codedWidth, codedHeight))
    throw new AppError(
      'unsupported-media',
      `${path}: ${codedWidth}×${codedHeight} has more than the supported ${MAX_VIDEO_PIXELS} pixels`,
    );
  const fps = parseRational(v.r_frame_rate) ?? parseRational(v.avg_frame_rate);
  if (!fps) throw new AppError('unsupported-media', `${path}: the video stream has no frame rate`);
  const stated = finite(v.nb_read_packets) ?? finite(v.nb_frames);
  const frameCount = stated !== null && stated > 0 ? stated : Math.round(duration * fps.value);
  if (!(duration > 0) || frameCount <= 0)
    throw new AppError('empty-media', `${path}: the video is empty (zero length)`);
  const rotation = rotationOf(v);
  const { width, height } = displaySize(codedWidth, codedHeight, rotation);
  return {
    path,
    bytes,
    container: json.format?.format_name ?? 'unknown',
    durationSeconds: duration,
    codedWidth,
    codedHeight,
    width,
    height,
    rotation,
    fps,
    variableFrameRate: isVariable(fps, parseRational(v.avg_frame_rate)),
    frameCount,
    videoCodec: v.codec_name ?? 'unknown',
    pixelFormat: v.pix_fmt ?? 'unknown',
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    audio: audioOf(streams, duration),
  };
}
