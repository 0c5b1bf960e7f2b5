// The 'export' job: mixes the selected take of every window with the project's seams (the real mixdown),
// then hands the music to the exporter, which writes the output to a temporary name and renames it.
import type { ExportOptions } from '../../../shared/export';
import type { JobOptions } from '../../../shared/progress';
import { exportVideo, type ExportRequest } from '../../export/export-video';
import { getMedia, getProject } from '../../store/projects-repo';
import type { JobRunner } from '../../jobs/job-queue';
import { renderProjectMusic, type MusicSources } from '../project-music';
import { finishExport, insertExport } from '../../store/exports-repo';

/** Input of an export job (stored, so an interrupted export can be retried): the API's options unchanged. */
export interface ExportJobInput {
  projectId: string;
  options: ExportOptions;
}

/** Writes the export and returns the output path. */
export type ExportRunner = (req: ExportRequest, opts: JobOptions) => Promise<string>;

/** The exporter used when the transport supplies none: the export module (mp4 with the video copied, WAV or
 * FLAC; loudness, ducking, temp name + rename). */
export const defaultExporter: ExportRunner = async (req, opts) => (await exportVideo(req, opts)).outputPath;

/** The selected takes and seams of the project's current plan, rendered to the video's length. */
export function mixProject(
  src: MusicSources,
  projectId: string,
  opts: JobOptions = {},
): Promise<Float32Array> {
  return renderProjectMusic(src, projectId, opts);
}

/** The runner registered for 'export' jobs (light: runs alongside generation). */
export function exportRunner(
  deps: MusicSources & { exporter: () => ExportRunner },
): JobRunner<ExportJobInput> {
  return {
    heavy: false,
    run: async ({ projectId, options }, { signal, onProgress, jobId }) => {
      onProgress({ stage: 'mixdown', done: 0, total: 1, etaSeconds: null });
      const music = await mixProject(deps, projectId, { signal });
      const p = getProject(deps.db, projectId);
      const videoPath = getMedia(deps.db, p.media_id).path;
      const id = insertExport(deps.db, {
        projectId,
        jobId,
        optionsJson: JSON.stringify(options),
        outputPath: options.outputPath,
      });
      const finish = (status: string) => finishExport(deps.db, id, status);
      try {
        const out = await deps.exporter()(
          { videoPath, music, musicSampleRate: p.sample_rate, options },
          { signal, onProgress },
        );
        finish('done');
        return out;
      } catch (e) {
        finish(signal.aborted ? 'cancelled' : 'failed');
        throw e;
      }
    },
  };
}
