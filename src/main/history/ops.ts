// The primitive edits commands are made of. Each op sets one value; its inverse is the same op carrying the
// value read just before it applies, so undo and redo are both "apply these ops" and never drift.
import type { GenerationParams } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SeamCurve } from '../../shared/timeline/seam-curve';
import type { Db } from '../store/database';
import { getPlan, getSeamWithProject, getWindowWithProject, setSeamFade } from '../store/plans-repo';
import { getProject, setProjectColumn } from '../store/projects-repo';
import { getSelection, getTakeWithProject, setSelection, setTakeFlag } from '../store/takes-repo';

/** One invertible edit of a project. */
export type Op =
  | { t: 'select'; windowId: string; takeId: string | null }
  | { t: 'star'; takeId: string; starred: boolean }
  | { t: 'deleted'; takeId: string; deleted: boolean }
  | { t: 'seam'; seamId: string; lengthSamples: number; curve: SeamCurve }
  | { t: 'plan'; planId: string }
  | { t: 'name'; name: string }
  | { t: 'params'; params: GenerationParams }
  | { t: 'bundle'; bundleId: string };

function take(db: Db, projectId: string, takeId: string) {
  const row = getTakeWithProject(db, takeId);
  if (!row || row.project_id !== projectId)
    throw new AppError('not-found', `Take ${takeId} is not in this project.`);
  return row;
}

function windowOf(db: Db, projectId: string, windowId: string) {
  const row = getWindowWithProject(db, windowId);
  if (!row || row.project_id !== projectId)
    throw new AppError('not-found', `Window ${windowId} is not in this project.`);
  return row;
}

function seamOf(db: Db, projectId: string, seamId: string) {
  const row = getSeamWithProject(db, seamId);
  if (!row || row.project_id !== projectId)
    throw new AppError('not-found', `Seam ${seamId} is not in this project.`);
  return row;
}

/** The op that restores what `op` is about to change (read before it applies); validates its targets. */
export function inverseOf(db: Db, projectId: string, op: Op): Op {
  switch (op.t) {
    case 'select':
      windowOf(db, projectId, op.windowId);
      if (op.takeId !== null && take(db, projectId, op.takeId).window_id !== op.windowId)
        throw new AppError('invalid-input', `Take ${op.takeId} belongs to another window.`);
      return { t: 'select', windowId: op.windowId, takeId: getSelection(db, op.windowId) };
    case 'star':
      return { t: 'star', takeId: op.takeId, starred: take(db, projectId, op.takeId).starred === 1 };
    case 'deleted':
      return { t: 'deleted', takeId: op.takeId, deleted: take(db, projectId, op.takeId).deleted === 1 };
    case 'seam': {
      const s = seamOf(db, projectId, op.seamId);
      if (op.lengthSamples > s.end - s.start)
        throw new AppError(
          'invalid-input',
          `Crossfade of ${op.lengthSamples} samples is longer than the overlap (${s.end - s.start}).`,
        );
      return { t: 'seam', seamId: s.id, lengthSamples: s.length_samples, curve: s.curve };
    }
    case 'plan': {
      const plan = getPlan(db, op.planId);
      if (!plan || plan.project_id !== projectId)
        throw new AppError('not-found', `Plan ${op.planId} is not in this project.`);
      return { t: 'plan', planId: getProject(db, projectId).plan_id ?? op.planId };
    }
    case 'name':
      return { t: 'name', name: getProject(db, projectId).name };
    case 'params':
      return { t: 'params', params: JSON.parse(getProject(db, projectId).params_json) as GenerationParams };
    case 'bundle':
      return { t: 'bundle', bundleId: getProject(db, projectId).bundle_id };
  }
}

/** Applies one op (inside the caller's transaction). */
export function applyOp(db: Db, projectId: string, op: Op): void {
  switch (op.t) {
    case 'select':
      return setSelection(db, op.windowId, op.takeId);
    case 'star':
      return setTakeFlag(db, op.takeId, 'starred', op.starred);
    case 'deleted':
      return setTakeFlag(db, op.takeId, 'deleted', op.deleted);
    case 'seam':
      return setSeamFade(db, op.seamId, op.lengthSamples, op.curve);
    case 'plan':
      return setProjectColumn(db, projectId, 'plan_id', op.planId);
    case 'name':
      return setProjectColumn(db, projectId, 'name', op.name);
    case 'params':
      return setProjectColumn(db, projectId, 'params_json', JSON.stringify(op.params));
    case 'bundle':
      return setProjectColumn(db, projectId, 'bundle_id', op.bundleId);
  }
}
