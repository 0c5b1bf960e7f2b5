// The exporter used when the transport supplies none: the export module (mp4 with the video copied, WAV or
// FLAC; loudness, ducking, temp name + rename), fed with the studio's mixdown of the selected takes.
import { DEFAULT_DUCKING } from '../../shared/export';
import { exportVideo } from '../export/export-video';
import type { ExportRunner } from './runners/export-job';

/** Writes the export with the export module; returns the output path. */
export const defaultExporter: ExportRunner = async (req, opts) => {
  const o = req.options;
  const result = await exportVideo(
    {
      videoPath: req.videoPath,
      music: req.music,
      musicSampleRate: req.sampleRate,
      format: o.format,
      outputPath: o.outputPath,
      includeOriginalAudio: o.includeOriginalAudio,
      musicGainDb: o.musicGainDb,
      originalGainDb: o.originalGainDb,
      ducking: o.ducking ? DEFAULT_DUCKING : null,
      loudnessTarget: o.loudnessTarget,
    },
    opts,
  );
  return result.outputPath;
};
