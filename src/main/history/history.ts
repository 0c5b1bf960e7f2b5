// Persisted undo/redo. A command is a list of ops applied in one transaction together with its history
// row, so when `execute` returns the edit and its undo step are both on disk, and a kill can never leave
// one without the other. Successive edits with the same coalesce key (a drag) merge into one step.
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';
import {
  dropStepsAfter,
  dropStepsUpTo,
  historyEntry,
  insertStep,
  mergeIntoStep,
  setHistoryPos,
} from '../store/history-repo';
import { bumpRevision, getProject } from '../store/projects-repo';
import { applyOp, inverseOf, type Op } from './ops';

/** Edits closer together than this with the same coalesce key are one undo step (a drag). */
export const COALESCE_MS = 1000;
/** Steps kept per project; older ones are dropped. */
export const HISTORY_LIMIT = 500;

/** What the editor shows about a project's history. */
export interface HistoryInfo {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

const entry = historyEntry;

/** Applies ops in order, capturing each one's inverse just before it applies; returns the inverses in undo order. */
function applyAll(db: Db, projectId: string, ops: Op[]): Op[] {
  const inverses: Op[] = [];
  for (const op of ops) {
    inverses.push(inverseOf(db, projectId, op));
    applyOp(db, projectId, op);
  }
  return inverses.reverse();
}

/** Runs a user command as one durable, undoable transaction; returns the new revision. */
export function execute(
  db: Db,
  projectId: string,
  label: string,
  ops: Op[],
  opts: { coalesceKey?: string; nowMs?: number } = {},
): number {
  const now = opts.nowMs ?? Date.now();
  return db
    .transaction(() => {
      const pos = getProject(db, projectId).history_pos;
      // After an undo the step below is not the one being dragged: a new edit then starts its own step.
      const afterUndo = entry(db, projectId, pos + 1) !== undefined;
      const inverse = applyAll(db, projectId, ops);
      dropStepsAfter(db, projectId, pos);
      const top = afterUndo ? undefined : entry(db, projectId, pos);
      if (
        top &&
        opts.coalesceKey &&
        top.coalesce_key === opts.coalesceKey &&
        now - top.created_ms < COALESCE_MS
      ) {
        mergeIntoStep(db, projectId, pos, JSON.stringify(ops), now);
      } else {
        insertStep(db, projectId, {
          seq: pos + 1,
          label,
          coalesce_key: opts.coalesceKey ?? null,
          forward_json: JSON.stringify(ops),
          inverse_json: JSON.stringify(inverse),
          created_ms: now,
        });
        setHistoryPos(db, projectId, pos + 1);
        dropStepsUpTo(db, projectId, pos + 1 - HISTORY_LIMIT);
      }
      return bumpRevision(db, projectId);
    })
    .immediate();
}

/** Undoes the last step; throws 'invalid-input' when there is none. Returns the new revision. */
export function undo(db: Db, projectId: string): number {
  return db
    .transaction(() => {
      const pos = getProject(db, projectId).history_pos;
      const row = entry(db, projectId, pos);
      if (!row) throw new AppError('invalid-input', 'Nothing to undo.');
      for (const op of JSON.parse(row.inverse_json) as Op[]) applyOp(db, projectId, op);
      setHistoryPos(db, projectId, pos - 1);
      return bumpRevision(db, projectId);
    })
    .immediate();
}

/** Redoes the next step; throws 'invalid-input' when there is none. Returns the new revision. */
export function redo(db: Db, projectId: string): number {
  return db
    .transaction(() => {
      const pos = getProject(db, projectId).history_pos;
      const row = entry(db, projectId, pos + 1);
      if (!row) throw new AppError('invalid-input', 'Nothing to redo.');
      for (const op of JSON.parse(row.forward_json) as Op[]) applyOp(db, projectId, op);
      setHistoryPos(db, projectId, pos + 1);
      return bumpRevision(db, projectId);
    })
    .immediate();
}

/** Whether undo/redo are possible and what they would do. */
export function historyInfo(db: Db, projectId: string): HistoryInfo {
  const pos = getProject(db, projectId).history_pos;
  const u = entry(db, projectId, pos);
  const r = entry(db, projectId, pos + 1);
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}
