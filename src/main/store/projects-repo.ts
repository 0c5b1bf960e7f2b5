// Rows of projects and their media. Callers run these inside their own transactions.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Db } from './database';

/** A projects row. */
export interface ProjectRow {
  id: string;
  name: string;
  media_id: string;
  bundle_id: string;
  sample_rate: number;
  total_samples: number;
  params_json: string;
  plan_id: string | null;
  revision: number;
  history_pos: number;
  created_at: string;
  updated_at: string;
  opened_at: string;
}

/** A media row: where the video was, its content hash and what ffprobe said. */
export interface MediaRow {
  id: string;
  path: string;
  content_hash: string;
  bytes: number;
  mtime_ms: number;
  info_json: string;
}

/** A new id for any row. */
export const newId = (): string => randomUUID();

/** Inserts a media row; returns its id. */
export function insertMedia(db: Db, m: Omit<MediaRow, 'id'>): string {
  const id = newId();
  db.prepare(
    'INSERT INTO media (id, path, content_hash, bytes, mtime_ms, info_json) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, m.path, m.content_hash, m.bytes, m.mtime_ms, m.info_json);
  return id;
}

/** Records the media's new location (relink) and the size/mtime seen there. */
export function updateMediaLocation(db: Db, id: string, path: string, bytes: number, mtimeMs: number): void {
  db.prepare('UPDATE media SET path = ?, bytes = ?, mtime_ms = ? WHERE id = ?').run(path, bytes, mtimeMs, id);
}

/** The media row, or a not-found error. */
export function getMedia(db: Db, id: string): MediaRow {
  const row = db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
  if (!row) throw new AppError('not-found', `Media ${id} does not exist.`);
  return row;
}

/** Inserts a project; returns its id. */
export function insertProject(
  db: Db,
  p: Pick<ProjectRow, 'name' | 'media_id' | 'bundle_id' | 'sample_rate' | 'total_samples' | 'params_json'>,
): string {
  const id = newId();
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO projects (id, name, media_id, bundle_id, sample_rate, total_samples, params_json, created_at, updated_at, opened_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, p.name, p.media_id, p.bundle_id, p.sample_rate, p.total_samples, p.params_json, now, now, now);
  return id;
}

/** The project row, or a not-found error naming the id. */
export function getProject(db: Db, id: string): ProjectRow {
  const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  if (!row) throw new AppError('not-found', `Project ${id} does not exist.`);
  return row;
}

/** The project already made for this video (same path and content), if any. */
export function findProjectForMedia(db: Db, path: string, contentHash: string): string | null {
  const row = db
    .prepare(
      `SELECT p.id FROM projects p JOIN media m ON m.id = p.media_id
       WHERE m.path = ? AND m.content_hash = ? ORDER BY p.opened_at DESC LIMIT 1`,
    )
    .get(path, contentHash) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Projects by most recently opened. */
export function listRecentProjects(db: Db, limit = 50): (ProjectRow & { path: string; info_json: string })[] {
  return db
    .prepare(
      `SELECT p.*, m.path, m.info_json FROM projects p JOIN media m ON m.id = p.media_id
       ORDER BY p.opened_at DESC, p.rowid DESC LIMIT ?`,
    )
    .all(limit) as (ProjectRow & { path: string; info_json: string })[];
}

/** Marks the project as just opened (recent list order). */
export function touchOpened(db: Db, id: string): void {
  db.prepare('UPDATE projects SET opened_at = ? WHERE id = ?').run(new Date().toISOString(), id);
}

/** Increments the project's revision (every change does, so windows can tell they are stale); returns it. */
export function bumpRevision(db: Db, id: string): number {
  const row = db
    .prepare('UPDATE projects SET revision = revision + 1, updated_at = ? WHERE id = ? RETURNING revision')
    .get(new Date().toISOString(), id) as { revision: number } | undefined;
  if (!row) throw new AppError('not-found', `Project ${id} does not exist.`);
  return row.revision;
}

/** Sets one of the project columns an edit changes. */
export function setProjectColumn(
  db: Db,
  id: string,
  column: 'plan_id' | 'name' | 'params_json' | 'bundle_id',
  value: string,
): void {
  db.prepare(`UPDATE projects SET ${column} = ? WHERE id = ?`).run(value, id);
}
