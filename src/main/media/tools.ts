// Where the ffmpeg tools live: the system binaries unless the environment points elsewhere (a bundled build).

/** ffmpeg executable: $VIDMUSE_FFMPEG or `ffmpeg` on the PATH. */
export const FFMPEG = process.env.VIDMUSE_FFMPEG ?? 'ffmpeg';

/** ffprobe executable: $VIDMUSE_FFPROBE or `ffprobe` on the PATH. */
export const FFPROBE = process.env.VIDMUSE_FFPROBE ?? 'ffprobe';
