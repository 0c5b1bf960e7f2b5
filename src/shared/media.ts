// Facts about a media file as probed by ffprobe in src/main/media; shown by the renderer.

/** A frame rate as an exact rational. */
export interface Rational {
  num: number;
  den: number;
}

/** What the app knows about a video file. */
export interface MediaInfo {
  /** Duration of the container in seconds (display only; the timeline uses samples). */
  durationSeconds: number;
  /** Display size, after rotation metadata is applied. */
  width: number;
  height: number;
  /** Rotation metadata in degrees (0, 90, 180, 270). */
  rotation: number;
  /** Average frame rate. */
  fps: Rational;
  /** True when the stream's frame timing is not constant. */
  variableFrameRate: boolean;
  videoCodec: string;
  container: string;
  hasAudio: boolean;
  audioCodec: string | null;
  audioSampleRate: number | null;
  audioChannels: number | null;
  /** File size in bytes. */
  bytes: number;
}
