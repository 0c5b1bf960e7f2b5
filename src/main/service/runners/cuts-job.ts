// The 'cuts' job: finds the hard cuts of a project's video, or reads them from the cache by the video's content
// hash, keeps them for the editor's ruler and, when the user asked for seams at cuts, switches the project to
// that plan once the cuts are known. Cancelling it changes nothing.
import type { CutsCache } from '../../../media/cuts-cache';
import { cachedCuts } from '../../../media/cuts-cache';
import type { SceneCut } from '../../../media/detect-cuts';
import { AppError } from '../../../shared/errors';
import type { MediaInfo } from '../../../shared/media';
import type { JobRunner } from '../../jobs/job-queue';
import type { Db } from '../../store/database';
import { bumpRevision, getMedia, getProject } from '../../store/projects-repo';

/** Input of a cuts job: the project, and the plan to apply at the cuts once they are found (or null). */
export interface CutsInput {
  projectId: string;
  plan: { windowSamples: number; overlapSamples: number } | null;
}

/** What the cuts runner needs from the studio. */
export interface CutsDeps {
  db: Db;
  cache: CutsCache;
  /** Cuts known in this session, by video content hash. */
  known: Map<string, SceneCut[]>;
  /** Switches the project to the plan at its (now known) cuts. */
  applyPlan: (projectId: string, plan: { windowSamples: number; overlapSamples: number }) => void;
  changed: (projectId: string, revision: number) => void;
}

/** The runner registered for 'cuts' jobs; its result is the number of cuts found. */
export function cutsRunner(deps: CutsDeps): JobRunner<CutsInput> {
  return {
    heavy: false,
    run: async (input, { signal, onProgress }) => {
      const p = getProject(deps.db, input.projectId);
      const m = getMedia(deps.db, p.media_id);
      const info = JSON.parse(m.info_json) as MediaInfo;
      const src = { path: m.path, contentHash: m.content_hash, durationSeconds: info.durationSeconds };
      const { cuts } = await cachedCuts(deps.cache, src, { signal, onProgress });
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
      deps.known.set(m.content_hash, cuts);
      if (input.plan) deps.applyPlan(input.projectId, input.plan);
      else deps.changed(input.projectId, bumpRevision(deps.db, input.projectId));
      return `${cuts.length} cuts`;
    },
  };
}
