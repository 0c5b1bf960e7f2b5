// What the app knows about a media file, from ffprobe in main; shown by the renderer (duration, size, frame rate).

/** A frame rate as an exact rational (e.g. 30000/1001) plus its float value for display. */
export interface FrameRate {
  num: number;
  den: number;
  /** num / den. */
  value: number;
}

/** The audio stream of a media file, when it has one. */
export interface AudioStreamInfo {
  codec: string;
  sampleRate: number;
  channels: number;
  durationSeconds: number;
}

/** Metadata of a video file, from ffprobe. */
export interface MediaInfo {
  path: string;
  /** File size in bytes. */
  bytes: number;
  /** Container format names as ffprobe reports them, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  /** Duration of the video stream (the container's when the stream has none), in seconds. */
  durationSeconds: number;
  /** Coded size of the frames. */
  codedWidth: number;
  codedHeight: number;
  /** Display size, after applying the rotation. */
  width: number;
  height: number;
  /** Clockwise display rotation in degrees: 0, 90, 180 or 270. */
  rotation: number;
  fps: FrameRate;
  /** True when the stream's average frame rate differs from its nominal rate. */
  variableFrameRate: boolean;
  /** Number of video frames: packets counted by demuxing, else stated by the container, else duration × fps. */
  frameCount: number;
  videoCodec: string;
  pixelFormat: string;
  hasAudio: boolean;
  audio: AudioStreamInfo | null;
}
