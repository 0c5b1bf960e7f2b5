// Export settings chosen in the editor's export dialog and by the CLI's `export` and `score`: one schema,
// validated where they enter main and carried unchanged to the ffmpeg step.
import type { Infer } from './schema';
import { boolean, literal, number, object, string } from './schema';

/** The output file kinds: a video with its soundtrack, or the audio alone. */
export const EXPORT_FORMATS = ['mp4', 'wav', 'flac'] as const;

/** The export settings as the API accepts them. */
export const exportOptionsSchema = object({
  format: literal(...EXPORT_FORMATS),
  outputPath: string({ min: 1, max: 4096 }),
  /** Mix the video's own soundtrack under the music (ignored when the video has no audio). */
  includeOriginalAudio: boolean(),
  musicGainDb: number({ min: -60, max: 12 }),
  originalGainDb: number({ min: -60, max: 12 }),
  /** Lower the music while the original audio is loud (DEFAULT_DUCKING). */
  ducking: boolean(),
  /** Integrated loudness target in LUFS (−14 by default). */
  loudnessTarget: number({ min: -40, max: -5 }),
});

/** Export settings, from the API to the ffmpeg step. */
export type ExportOptions = Infer<typeof exportOptionsSchema>;

/** Output file kind: a video with its soundtrack, or the audio alone. */
export type ExportFormat = ExportOptions['format'];

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
export const DEFAULT_LOUDNESS = { targetLufs: -14, truePeakLimitDb: -1 } satisfies LoudnessSettings;

/** Music alone at the usual loudness: the settings of an export that asks for nothing else. */
export const plainExport = (format: ExportFormat, outputPath: string): ExportOptions => ({
  format,
  outputPath,
  includeOriginalAudio: false,
  musicGainDb: 0,
  originalGainDb: 0,
  ducking: false,
  loudnessTarget: DEFAULT_LOUDNESS.targetLufs,
});
