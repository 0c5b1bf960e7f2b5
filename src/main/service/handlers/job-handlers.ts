// Handlers that start, list, cancel and retry jobs.
import { existsSync } from 'node:fs';
import type { ApiHandlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { getSeamWithProject, listWindows } from '../../store/plans-repo';
import { getMedia, getProject } from '../../store/projects-repo';
import { getSelection } from '../../store/takes-repo';
import type { StudioContext } from '../context';
import { rippleLength, type ContinueInput } from '../runners/continue-job';
import { requireOutputPath } from '../path-checks';

/** Refuses work that needs the video while it is missing or changed, with what to do about it. */
function requireMedia(ctx: StudioContext, projectId: string): void {
  const status = ctx.ensureOpen(projectId);
  if (status.missing)
    throw new AppError('not-found', "The project's video is missing from its folder; relink it first.");
  if (status.changed)
    throw new AppError(
      'media-changed',
      "The project's video changed on disk since the project was made; relink the original.",
    );
}

type JobHandlers = Pick<
  ApiHandlers,
  | 'generate.windows'
  | 'generate.continue'
  | 'seam.newCue'
  | 'export.start'
  | 'jobs.list'
  | 'jobs.cancel'
  | 'jobs.retry'
>;

/** An independent take (no continuation prompt) of the window after a seam, selected when it is done. */
function newCue(ctx: StudioContext, projectId: string, seamId: string): { jobId: string } {
  requireMedia(ctx, projectId);
  const seam = getSeamWithProject(ctx.db, seamId);
  const planId = getProject(ctx.db, projectId).plan_id ?? '';
  if (!seam || seam.project_id !== projectId || seam.plan_id !== planId)
    throw new AppError('not-found', `Seam ${seamId} is not in this project's plan.`);
  const windows = listWindows(ctx.db, planId);
  const w = windows[seam.idx + 1];
  const job = ctx.jobs.submit(
    'generate',
    { projectId, windowId: w.id, independent: true },
    {
      target: `project:${projectId}/window:${w.idx}`,
      projectId,
      label: `New music from seam ${seam.idx + 1} (window ${w.idx + 1} of ${windows.length})`,
    },
  );
  return { jobId: job.id };
}

/** A continue job from a window of the current plan that has a selected take and a window after it. */
function continueFrom(ctx: StudioContext, input: ContinueInput) {
  const { projectId, windowId, ripple } = input;
  requireMedia(ctx, projectId);
  const planId = getProject(ctx.db, projectId).plan_id ?? '';
  const windows = listWindows(ctx.db, planId);
  const w = windows.find((x) => x.id === windowId);
  if (!w) throw new AppError('not-found', `Window ${windowId} is not in this project's plan.`);
  if (w.idx === windows.length - 1)
    throw new AppError('invalid-input', `Window ${w.idx + 1} is the last window: nothing follows it.`);
  if (!getSelection(ctx.db, w.id))
    throw new AppError('invalid-input', `Window ${w.idx + 1} has no selected take to continue from.`);
  const through = w.idx + 1 + rippleLength(input, windows.length - 1 - w.idx);
  const job = ctx.jobs.submit(
    'continue',
    { projectId, windowId, ripple, ...(input.count === undefined ? {} : { count: input.count }) },
    {
      target: `project:${projectId}/continue:${w.idx}`,
      projectId,
      label: ripple
        ? `Continue from window ${w.idx + 1} through window ${through} of ${windows.length}`
        : `Continue from window ${w.idx + 1} into window ${through} of ${windows.length}`,
    },
  );
  return { jobId: job.id };
}

/** One generate job per requested window (all windows for null); each supersedes the window's running one. */
function generateWindows(
  ctx: StudioContext,
  projectId: string,
  indices: number[] | null,
): { jobIds: string[] } {
  requireMedia(ctx, projectId);
  const windows = listWindows(ctx.db, getProject(ctx.db, projectId).plan_id ?? '');
  const wanted = indices ?? windows.map((w) => w.idx);
  for (const i of wanted)
    if (!windows[i])
      throw new AppError('invalid-input', `Window ${i} does not exist (the plan has ${windows.length}).`);
  const jobIds = [...new Set(wanted)].map((i) => {
    const w = windows[i];
    return ctx.jobs.submit(
      'generate',
      { projectId, windowId: w.id },
      {
        target: `project:${projectId}/window:${i}`,
        projectId,
        label: `Generate window ${i + 1} of ${windows.length}`,
      },
    ).id;
  });
  return { jobIds };
}

/** The job handlers of the API. */
export function jobHandlers(ctx: StudioContext): JobHandlers {
  return {
    'generate.windows': ({ projectId, windowIndices }) => generateWindows(ctx, projectId, windowIndices),
    'generate.continue': (input) => continueFrom(ctx, input),
    'seam.newCue': ({ projectId, seamId }) => newCue(ctx, projectId, seamId),
    'export.start': ({ projectId, options, overwrite }) => {
      requireMedia(ctx, projectId);
      const video = getMedia(ctx.db, getProject(ctx.db, projectId).media_id).path;
      const outputPath = requireOutputPath(options.outputPath, video);
      if (!overwrite && existsSync(outputPath))
        throw new AppError('exists', `${outputPath} already exists. Replace it, or choose another name.`);
      const job = ctx.jobs.submit(
        'export',
        { projectId, options: { ...options, outputPath } },
        {
          target: `project:${projectId}/export:${outputPath}`,
          projectId,
          label: `Export ${options.format.toUpperCase()}`,
        },
      );
      return { jobId: job.id };
    },
    'jobs.list': () => ctx.jobs.list(),
    'jobs.cancel': ({ jobId }) => ctx.jobs.cancel(jobId),
    'jobs.retry': ({ jobId }) => ({ jobId: ctx.jobs.retry(jobId).id }),
  };
}
