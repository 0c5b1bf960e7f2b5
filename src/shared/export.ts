// Export settings chosen in the editor's export dialog and by the CLI's `score`; main validates and applies them.

/** Output file kind: a video with its soundtrack, or the audio alone. */
export type ExportFormat = 'mp4' | 'wav' | 'flac';

/** Automatic lowering of the music while the video's own audio is loud (sidechain ducking). */
export interface DuckingSettings {
  /** How far the music drops under the original audio, in dB (positive). */
  amountDb: number;
  /** Level of the original audio (dBFS, short-term RMS) above which the music ducks. */
  thresholdDb: number;
  attackMs: number;
  releaseMs: number;
}

/** Ducking that suits speech over music: −10 dB when the original is above −35 dBFS. */
export const DEFAULT_DUCKING: DuckingSettings = {
  amountDb: 10,
  thresholdDb: -35,
  attackMs: 20,
  releaseMs: 400,
};

/** Loudness target for the export, per ITU-R BS.1770 (streaming platforms use −14 LUFS, −1 dBTP). */
export interface LoudnessSettings {
  /** Integrated loudness target in LUFS; null leaves the level as mixed. */
  targetLufs: number | null;
  /** Ceiling for the true peak, in dBTP. */
  truePeakLimitDb: number;
}

/** The usual streaming target. */
export const DEFAULT_LOUDNESS: LoudnessSettings = { targetLufs: -14, truePeakLimitDb: -1 };
