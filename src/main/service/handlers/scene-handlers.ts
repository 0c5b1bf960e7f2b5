// Handlers of the plan at the cuts beyond the plan option itself: moving a seam to another cut.
import type { ApiHandlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { secondsToSamples } from '../../../shared/time';
import { moveSeamToCut, SCENE_MIN_WINDOW_SECONDS } from '../../../shared/timeline/scene-plan';
import { execute } from '../../history/history';
import { derivePlan, getPlan, getSeamWithProject, listWindows } from '../../store/plans-repo';
import { getProject } from '../../store/projects-repo';
import { listBundles } from '../bundles';
import type { StudioContext } from '../context';

type SceneHandlers = Pick<ApiHandlers, 'seam.moveToCut'>;

/** Re-plans the two windows beside a seam so it is centred on another detected cut (one undoable step). */
function moveToCut(ctx: StudioContext, projectId: string, seamId: string, cut: number) {
  const cuts = ctx.state(projectId).cuts;
  const p = getProject(ctx.db, projectId);
  const seam = getSeamWithProject(ctx.db, seamId);
  if (!seam || seam.project_id !== projectId || seam.plan_id !== p.plan_id)
    throw new AppError('not-found', `Seam ${seamId} is not in this project's plan.`);
  if (!cuts?.includes(cut))
    throw new AppError('invalid-input', `There is no detected cut at sample ${cut}; find the cuts first.`);
  const plan = getPlan(ctx.db, seam.plan_id)!;
  const bundle = listBundles(ctx.options.bundleDirs).find((b) => b.id === p.bundle_id) ?? null;
  const sr = p.sample_rate;
  const windows = moveSeamToCut(listWindows(ctx.db, plan.id), seam.idx, cut, {
    hopLength: bundle?.hopLength ?? 640,
    overlapSamples: plan.overlap_samples,
    sampleRate: sr,
    minWindowSamples: Math.min(secondsToSamples(SCENE_MIN_WINDOW_SECONDS, sr), plan.window_samples),
    maxWindowSamples: secondsToSamples(bundle?.maxWindowSeconds ?? 30, sr),
  });
  const revision = ctx.db
    .transaction(() => {
      const planId = derivePlan(ctx.db, plan.id, windows);
      return execute(ctx.db, projectId, 'Move seam to cut', [{ t: 'plan', planId }]);
    })
    .immediate();
  ctx.changed(projectId, revision);
  return ctx.state(projectId);
}

/** The scene handlers of the API. */
export function sceneHandlers(ctx: StudioContext): SceneHandlers {
  return {
    'seam.moveToCut': ({ projectId, seamId, cut }) => moveToCut(ctx, projectId, seamId, cut),
  };
}
