// Handlers for user edits of takes and seams, and undo/redo. Each edit is one history command.
import type { ApiHandlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { redo, undo } from '../../history/history';
import type { Op } from '../../history/ops';
import { mapSqliteError } from '../../store/database';
import { getTakeWithProject, getSelection, newestOtherTake } from '../../store/takes-repo';
import type { StudioContext } from '../context';
import { command } from './project-handlers';

type EditHandlers = Pick<
  ApiHandlers,
  'take.select' | 'take.star' | 'take.delete' | 'seam.set' | 'history.undo' | 'history.redo'
>;

/** Ops that delete a take; a selected take hands the selection to the newest other live take of its window. */
function deleteOps(ctx: StudioContext, projectId: string, takeId: string): Op[] {
  ctx.ensureOpen(projectId);
  const take = getTakeWithProject(ctx.db, takeId);
  if (!take || take.project_id !== projectId)
    throw new AppError('not-found', `Take ${takeId} is not in this project.`);
  if (take.deleted) throw new AppError('invalid-input', `Take ${takeId} is already deleted.`);
  const ops: Op[] = [{ t: 'deleted', takeId, deleted: true }];
  if (getSelection(ctx.db, take.window_id) === takeId) {
    ops.unshift({
      t: 'select',
      windowId: take.window_id,
      takeId: newestOtherTake(ctx.db, take.window_id, takeId),
    });
  }
  return ops;
}

function historyStep(ctx: StudioContext, projectId: string, step: typeof undo) {
  ctx.ensureOpen(projectId);
  let revision: number;
  try {
    revision = step(ctx.db, projectId);
  } catch (e) {
    throw mapSqliteError(e, step === undo ? 'undo' : 'redo');
  }
  ctx.changed(projectId, revision);
  return ctx.state(projectId);
}

/** The edit handlers of the API. */
export function editHandlers(ctx: StudioContext): EditHandlers {
  return {
    'take.select': ({ projectId, windowId, takeId }) => {
      ctx.ensureOpen(projectId);
      // Unknown ids are the select op's to report (not-found); only a take of this window can be "deleted".
      const take = getTakeWithProject(ctx.db, takeId);
      if (take?.project_id === projectId && take.window_id === windowId && take.deleted)
        throw new AppError('invalid-input', `Take ${takeId} is deleted.`);
      return command(ctx, projectId, 'Select take', [{ t: 'select', windowId, takeId }]);
    },
    'take.star': ({ projectId, takeId, starred }) =>
      command(ctx, projectId, starred ? 'Star take' : 'Unstar take', [{ t: 'star', takeId, starred }]),
    'take.delete': ({ projectId, takeId }) =>
      command(ctx, projectId, 'Delete take', deleteOps(ctx, projectId, takeId)),
    // A drag sends many seam.set calls; the coalesce key folds them into one undo step.
    'seam.set': ({ projectId, seamId, lengthSamples, curve }) =>
      command(
        ctx,
        projectId,
        'Change crossfade',
        [{ t: 'seam', seamId, lengthSamples, curve }],
        `seam:${seamId}`,
      ),
    'history.undo': ({ projectId }) => historyStep(ctx, projectId, undo),
    'history.redo': ({ projectId }) => historyStep(ctx, projectId, redo),
  };
}
