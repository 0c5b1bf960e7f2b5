// The 'continue' job ("Continue from here"): regenerates the window after a window, prompted by that window's
// selected take, and when rippling every following window too, each prompted by the take just made, so the
// seams between them play as one code stream. The new takes are selected together, as one undo step, when the
// job ends; a cancel stops before the next window and keeps (and selects) the windows already finished.
import { AppError } from '../../../shared/errors';
import { execute } from '../../history/history';
import type { Op } from '../../history/ops';
import type { JobRunner } from '../../jobs/job-queue';
import { listWindows, getWindowWithProject } from '../../store/plans-repo';
import { getSelection } from '../../store/takes-repo';
import { generateTake, type GenerateDeps } from './generate-job';

/** Input of a continue job: the window whose selected take prompts, and whether to ripple to the end. */
export interface ContinueInput {
  projectId: string;
  /** The window continued from (its selected take at the start of the job prompts the next window). */
  windowId: string;
  ripple: boolean;
  /** When rippling, how many windows to regenerate (all that follow when absent). */
  count?: number;
}

/** The runner registered for 'continue' jobs (GPU-heavy, like generate). */
export function continueRunner(deps: GenerateDeps): JobRunner<ContinueInput> {
  return {
    heavy: true,
    run: async (input, { signal, onProgress }) => {
      const { from, targets } = windowsToContinue(deps, input);
      let prompt = getSelection(deps.db, from.id);
      if (!prompt)
        throw new AppError('invalid-input', `Window ${from.idx + 1} has no selected take to continue from.`);
      const made: Op[] = [];
      let failure: unknown = null;
      for (const [k, w] of targets.entries()) {
        if (signal.aborted) break;
        const detail = `window ${w.idx + 1} (${k + 1} of ${targets.length})`;
        try {
          prompt = await generateTake(
            deps,
            { projectId: input.projectId, windowId: w.id },
            {
              signal,
              onProgress: (p) =>
                onProgress({ ...p, window: w.idx, detail: `${detail}${p.detail ? ` · ${p.detail}` : ''}` }),
            },
            { promptTakeId: prompt, leaveSelection: true },
          );
        } catch (e) {
          failure = e;
          break;
        }
        made.push({ t: 'select', windowId: w.id, takeId: prompt });
      }
      if (made.length > 0) {
        const label = `Continue from window ${from.idx + 1}`;
        deps.changed(input.projectId, execute(deps.db, input.projectId, label, made));
      }
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
      if (failure) throw failure;
      return made.map((op) => (op.t === 'select' ? op.takeId : '')).join(',');
    },
  };
}

/** The window continued from and the windows to regenerate after it (the next one, or all that follow). */
function windowsToContinue(deps: GenerateDeps, input: ContinueInput) {
  const from = getWindowWithProject(deps.db, input.windowId);
  if (!from || from.project_id !== input.projectId)
    throw new AppError('not-found', `Window ${input.windowId} is not in this project.`);
  const windows = listWindows(deps.db, from.plan_id);
  const after = windows.filter((w) => w.idx > from.idx);
  if (after.length === 0)
    throw new AppError('invalid-input', `Window ${from.idx + 1} is the last window: nothing follows it.`);
  return { from, targets: after.slice(0, rippleLength(input, after.length)) };
}

/** How many windows after the continued one a continue job regenerates (at most the `left` that follow). */
export function rippleLength(input: { ripple: boolean; count?: number | undefined }, left: number): number {
  return input.ripple ? Math.min(input.count ?? left, left) : Math.min(1, left);
}
