// The history table: each project's undo steps numbered by seq, with projects.history_pos the step the
// project is at. The rules (coalescing, limits, transactions) are src/main/history's; this is their SQL.
import type { Db } from './database';

/** A history row. */
export interface HistoryRow {
  seq: number;
  label: string;
  coalesce_key: string | null;
  forward_json: string;
  inverse_json: string;
  created_ms: number;
}

/** The step numbered `seq` of a project, if there is one. */
export const historyEntry = (db: Db, projectId: string, seq: number): HistoryRow | undefined =>
  db.prepare('SELECT * FROM history WHERE project_id = ? AND seq = ?').get(projectId, seq) as
    HistoryRow | undefined;

/** Drops the steps after `seq` (the redo branch a new edit replaces). */
export function dropStepsAfter(db: Db, projectId: string, seq: number): void {
  db.prepare('DELETE FROM history WHERE project_id = ? AND seq > ?').run(projectId, seq);
}

/** Drops the steps up to and including `seq` (those past the history limit). */
export function dropStepsUpTo(db: Db, projectId: string, seq: number): void {
  db.prepare('DELETE FROM history WHERE project_id = ? AND seq <= ?').run(projectId, seq);
}

/** Replaces a step's forward ops and time (a coalesced drag: its inverse stays the first edit's). */
export function mergeIntoStep(
  db: Db,
  projectId: string,
  seq: number,
  forwardJson: string,
  nowMs: number,
): void {
  db.prepare('UPDATE history SET forward_json = ?, created_ms = ? WHERE project_id = ? AND seq = ?').run(
    forwardJson,
    nowMs,
    projectId,
    seq,
  );
}

/** Adds a step. */
export function insertStep(db: Db, projectId: string, row: HistoryRow): void {
  db.prepare(
    'INSERT INTO history (project_id, seq, label, coalesce_key, forward_json, inverse_json, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(projectId, row.seq, row.label, row.coalesce_key, row.forward_json, row.inverse_json, row.created_ms);
}

/** Moves the project to step `pos`. */
export function setHistoryPos(db: Db, projectId: string, pos: number): void {
  db.prepare('UPDATE projects SET history_pos = ? WHERE id = ?').run(pos, projectId);
}
