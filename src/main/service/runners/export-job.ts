// The 'export' job: mixes the selected take of every window with the project's seams (the real mixdown),
// then hands the music to the exporter, which writes the output to a temporary name and renames it.
import { readFileSync } from 'node:fs';
import type { ExportOptions } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { JobOptions } from '../../../shared/progress';
import type { Db } from '../../store/database';
import type { FileStore } from '../../store/file-store';
import { mixdown } from '../../../shared/timeline/mixdown';
import { listSeams, listWindows } from '../../store/plans-repo';
import { getMedia, getProject } from '../../store/projects-repo';
import { getTakeWithProject, planSelections } from '../../store/takes-repo';
import type { JobRunner } from '../../jobs/job-queue';
import { decodeWavFloat } from '../wav';

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

/** The selected takes and seams of the project's current plan, mixed to the video's length. */
export function mixProject(db: Db, files: FileStore, projectId: string): Float32Array {
  const p = getProject(db, projectId);
  const planId = p.plan_id ?? '';
  const selected = planSelections(db, planId);
  const clips = listWindows(db, planId).map((w) => {
    const takeId = selected.get(w.id);
    const take = takeId ? getTakeWithProject(db, takeId) : undefined;
    if (!take)
      throw new AppError(
        'invalid-input',
        `Window ${w.idx + 1} has no selected take; generate or pick one before exporting.`,
      );
    return {
      startSample: w.start,
      pcm: decodeWavFloat(readFileSync(files.path(take.audio_hash, 'wav'))).pcm,
    };
  });
  const seams = listSeams(db, planId).map((s) => {
    const pad = (s.end - s.start - s.length_samples) >> 1;
    return { startSample: s.start + pad, endSample: s.start + pad + s.length_samples, curve: s.curve };
  });
  return mixdown({
    sampleRate: p.sample_rate,
    totalSamples: p.total_samples,
    clips,
    seams,
    fadeInSamples: 0,
    fadeOutSamples: 0,
  });
}

/** The runner registered for 'export' jobs (light: runs alongside generation). */
export function exportRunner(deps: {
  db: Db;
  files: FileStore;
  exporter: () => ExportRunner;
}): JobRunner<ExportInput> {
  return {
    heavy: false,
    run: async (input, { signal, onProgress, jobId }) => {
      onProgress({ stage: 'mixdown', done: 0, total: 1, etaSeconds: null });
      const music = mixProject(deps.db, deps.files, input.projectId);
      const p = getProject(deps.db, input.projectId);
      const videoPath = getMedia(deps.db, p.media_id).path;
      const id = (deps.db.prepare('SELECT lower(hex(randomblob(16))) AS id').get() as { id: string }).id;
      deps.db
        .prepare(
          `INSERT INTO exports (id, project_id, job_id, options_json, output_path, status, created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)`,
        )
        .run(
          id,
          input.projectId,
          jobId,
          JSON.stringify(input.options),
          input.options.outputPath,
          new Date().toISOString(),
        );
      const finish = (status: string) =>
        deps.db
          .prepare('UPDATE exports SET status = ?, finished_at = ? WHERE id = ?')
          .run(status, new Date().toISOString(), id);
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
