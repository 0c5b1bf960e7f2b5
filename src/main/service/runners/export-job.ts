// The 'export' job: mixes the selected take of every window with the project's seams (the real mixdown),
// then hands the music to the exporter, which writes the output to a temporary name and renames it.
import type { ExportOptions } from '../../../shared/domain';
import type { JobOptions } from '../../../shared/progress';
import { getMedia, getProject } from '../../store/projects-repo';
import type { JobRunner } from '../../jobs/job-queue';
import { renderProjectMusic, type MusicSources } from '../project-music';
import { finishExport, insertExport } from '../../store/exports-repo';

/** Input of an export job (stored, so an interrupted export can be retried). */
export interface ExportInput {
  projectId: string;
  options: ExportOptions;
}

/** What an exporter receives: the mixed music and where the video is. */
export interface ExportRequest {
  music: Float32Array;
  sampleRate: number;
  videoPath: string;
  options: ExportOptions;
}

/** Writes the export and returns the output path. */
export type ExportRunner = (req: ExportRequest, opts: JobOptions) => Promise<string>;

/** The selected takes and seams of the project's current plan, rendered to the video's length. */
export function mixProject(
  src: MusicSources,
  projectId: string,
  opts: JobOptions = {},
): Promise<Float32Array> {
  return renderProjectMusic(src, projectId, opts);
}

/** The runner registered for 'export' jobs (light: runs alongside generation). */
export function exportRunner(deps: MusicSources & { exporter: () => ExportRunner }): JobRunner<ExportInput> {
  return {
    heavy: false,
    run: async (input, { signal, onProgress, jobId }) => {
      onProgress({ stage: 'mixdown', done: 0, total: 1, etaSeconds: null });
      const music = await mixProject(deps, input.projectId, { signal });
      const p = getProject(deps.db, input.projectId);
      const videoPath = getMedia(deps.db, p.media_id).path;
      const id = insertExport(deps.db, {
        projectId: input.projectId,
        jobId,
        optionsJson: JSON.stringify(input.options),
        outputPath: input.options.outputPath,
      });
      const finish = (status: string) => finishExport(deps.db, id, status);
      try {
        const out = await deps.exporter()(
          { music, sampleRate: p.sample_rate, videoPath, options: input.options },
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
