// Persisted undo/redo. A command is a list of ops applied in one transaction together with its history
// row, so when `execute` returns the edit and its undo step are both on disk, and a kill can never leave
// one without the other. Successive edits with the same coalesce key (a drag) merge into one step.
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';
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

interface Row {
  seq: number;
  label: string;
  coalesce_key: string | null;
  forward_json: string;
  inverse_json: string;
  created_ms: number;
}

const entry = (db: Db, projectId: string, seq: number): Row | undefined =>
  db.prepare('SELECT * FROM history WHERE project_id = ? AND seq = ?').get(projectId, seq) as Row | undefined;

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
      db.prepare('DELETE FROM history WHERE project_id = ? AND seq > ?').run(projectId, pos);
      const top = afterUndo ? undefined : entry(db, projectId, pos);
      if (
        top &&
        opts.coalesceKey &&
        top.coalesce_key === opts.coalesceKey &&
        now - top.created_ms < COALESCE_MS
      ) {
        db.prepare(
          'UPDATE history SET forward_json = ?, created_ms = ? WHERE project_id = ? AND seq = ?',
        ).run(JSON.stringify(ops), now, projectId, pos);
      } else {
        db.prepare(
          'INSERT INTO history (project_id, seq, label, coalesce_key, forward_json, inverse_json, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          projectId,
          pos + 1,
          label,
          opts.coalesceKey ?? null,
          JSON.stringify(ops),
          JSON.stringify(inverse),
          now,
        );
        db.prepare('UPDATE projects SET history_pos = ? WHERE id = ?').run(pos + 1, projectId);
        db.prepare('DELETE FROM history WHERE project_id = ? AND seq <= ?').run(
          projectId,
          pos + 1 - HISTORY_LIMIT,
        );
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
      db.prepare('UPDATE projects SET history_pos = ? WHERE id = ?').run(pos - 1, projectId);
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
      db.prepare('UPDATE projects SET history_pos = ? WHERE id = ?').run(pos + 1, projectId);
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
