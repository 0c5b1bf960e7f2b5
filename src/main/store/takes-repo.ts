// Takes and the selected take per window. Takes are never overwritten; deleting one only marks it, so
// undo can bring it back with its files.
import type { Db } from './database';
import { newId } from './projects-repo';

/** A takes row. */
export interface TakeRow {
  id: string;
  window_id: string;
  seed: number;
  params_json: string;
  bundle_id: string;
  codes_hash: string;
  audio_hash: string;
  length_samples: number;
  peaks: Buffer;
  peak_block: number;
  /** The take whose codes prompted this one and the columns [from, from + frames) taken; null without prompt. */
  continued_take_id: string | null;
  continued_from: number | null;
  continued_frames: number | null;
  starred: number;
  deleted: number;
  created_at: string;
}

/** Fields of a new take. */
export type NewTake = Omit<
  TakeRow,
  'id' | 'starred' | 'deleted' | 'created_at' | 'continued_take_id' | 'continued_from' | 'continued_frames'
> &
  Partial<Pick<TakeRow, 'continued_take_id' | 'continued_from' | 'continued_frames'>>;

/** Inserts a take; returns its id. */
export function insertTake(db: Db, t: NewTake): string {
  const id = newId();
  db.prepare(
    `INSERT INTO takes (id, window_id, seed, params_json, bundle_id, codes_hash, audio_hash, length_samples, peaks, peak_block,
       continued_take_id, continued_from, continued_frames, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    t.window_id,
    t.seed,
    t.params_json,
    t.bundle_id,
    t.codes_hash,
    t.audio_hash,
    t.length_samples,
    t.peaks,
    t.peak_block,
    t.continued_take_id ?? null,
    t.continued_from ?? null,
    t.continued_frames ?? null,
    new Date().toISOString(),
  );
  return id;
}

/** A take with the project it belongs to, or undefined. */
export const getTakeWithProject = (db: Db, takeId: string): (TakeRow & { project_id: string }) | undefined =>
  db
    .prepare(
      `SELECT t.*, p.project_id FROM takes t JOIN windows w ON w.id = t.window_id JOIN plans p ON p.id = w.plan_id
       WHERE t.id = ?`,
    )
    .get(takeId) as (TakeRow & { project_id: string }) | undefined;

/** Live (not deleted) takes of a plan's windows, oldest first. */
export const listPlanTakes = (db: Db, planId: string): TakeRow[] =>
  db
    .prepare(
      `SELECT t.* FROM takes t JOIN windows w ON w.id = t.window_id
       WHERE w.plan_id = ? AND t.deleted = 0 ORDER BY t.created_at, t.rowid`,
    )
    .all(planId) as TakeRow[];

/** Live takes of every plan of a project (the files a transport may serve). */
export const listProjectTakes = (db: Db, projectId: string): TakeRow[] =>
  db
    .prepare(
      `SELECT t.* FROM takes t JOIN windows w ON w.id = t.window_id JOIN plans p ON p.id = w.plan_id
       WHERE p.project_id = ? AND t.deleted = 0`,
    )
    .all(projectId) as TakeRow[];

/** The selected take of a window, or null. */
export const getSelection = (db: Db, windowId: string): string | null =>
  (
    db.prepare('SELECT take_id FROM selections WHERE window_id = ?').get(windowId) as
      { take_id: string } | undefined
  )?.take_id ?? null;

/** Sets (or clears, with null) the selected take of a window. */
export function setSelection(db: Db, windowId: string, takeId: string | null): void {
  if (takeId === null) db.prepare('DELETE FROM selections WHERE window_id = ?').run(windowId);
  else
    db.prepare('INSERT OR REPLACE INTO selections (window_id, take_id) VALUES (?, ?)').run(windowId, takeId);
}

/** Selections of a plan's windows, by window id. */
export function planSelections(db: Db, planId: string): Map<string, string> {
  const rows = db
    .prepare(
      'SELECT s.window_id, s.take_id FROM selections s JOIN windows w ON w.id = s.window_id WHERE w.plan_id = ?',
    )
    .all(planId) as { window_id: string; take_id: string }[];
  return new Map(rows.map((r) => [r.window_id, r.take_id]));
}

/** Sets a take's starred or deleted flag. */
export function setTakeFlag(db: Db, takeId: string, flag: 'starred' | 'deleted', on: boolean): void {
  db.prepare(`UPDATE takes SET ${flag} = ? WHERE id = ?`).run(on ? 1 : 0, takeId);
}

/** The newest take of a window that is not deleted and not `exceptId` (what becomes selected instead). */
export const newestOtherTake = (db: Db, windowId: string, exceptId: string): string | null =>
  (
    db
      .prepare(
        'SELECT id FROM takes WHERE window_id = ? AND deleted = 0 AND id <> ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      )
      .get(windowId, exceptId) as { id: string } | undefined
  )?.id ?? null;

/** Takes ever made for a window, deleted ones included (the seed of the next take counts them). */
export const countWindowTakes = (db: Db, windowId: string): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM takes WHERE window_id = ?').get(windowId) as { n: number }).n;
