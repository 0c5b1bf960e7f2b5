// Schema migrations by `user_version`: migration i brings a database from version i to i + 1. Each runs in
// its own transaction, so a kill mid-migration leaves the database at the previous version, never between.
import type { Database } from 'better-sqlite3';

/** One schema step; `up` runs inside a transaction. */
export interface Migration {
  description: string;
  up: (db: Database) => void;
}

const v1 = `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE media (
  id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, info_json TEXT NOT NULL);
CREATE INDEX media_hash ON media(content_hash);
CREATE TABLE projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL,
  media_id TEXT NOT NULL REFERENCES media(id),
  bundle_id TEXT NOT NULL, sample_rate INTEGER NOT NULL CHECK (sample_rate > 0),
  total_samples INTEGER NOT NULL CHECK (total_samples > 0),
  params_json TEXT NOT NULL, plan_id TEXT, revision INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, opened_at TEXT NOT NULL);
CREATE TABLE plans (
  id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  window_samples INTEGER NOT NULL CHECK (window_samples > 0),
  overlap_samples INTEGER NOT NULL CHECK (overlap_samples >= 0), created_at TEXT NOT NULL);
CREATE TABLE windows (
  id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL CHECK (end > start),
  UNIQUE (plan_id, idx));
CREATE TABLE takes (
  id TEXT PRIMARY KEY, window_id TEXT NOT NULL REFERENCES windows(id) ON DELETE CASCADE,
  seed INTEGER NOT NULL, params_json TEXT NOT NULL, bundle_id TEXT NOT NULL,
  codes_hash TEXT NOT NULL, audio_hash TEXT NOT NULL, length_samples INTEGER NOT NULL,
  peaks BLOB NOT NULL, peak_block INTEGER NOT NULL, starred INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE INDEX takes_window ON takes(window_id);
CREATE TABLE selections (
  window_id TEXT PRIMARY KEY REFERENCES windows(id) ON DELETE CASCADE,
  take_id TEXT NOT NULL REFERENCES takes(id) ON DELETE CASCADE);
CREATE TABLE seams (
  id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  length_samples INTEGER NOT NULL CHECK (length_samples >= 0 AND length_samples <= end - start),
  curve TEXT NOT NULL CHECK (curve IN ('equal-power', 'linear', 's-curve')), UNIQUE (plan_id, idx));
CREATE TABLE jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL,
  project_id TEXT REFERENCES projects(id) ON DELETE CASCADE, label TEXT NOT NULL,
  status TEXT NOT NULL, progress_json TEXT, error_json TEXT, input_json TEXT NOT NULL,
  result TEXT, owner_pid INTEGER NOT NULL, created_at TEXT NOT NULL, finished_at TEXT);
CREATE INDEX jobs_status ON jobs(status);
`;

const v2 = `
CREATE TABLE feature_cache (
  key TEXT PRIMARY KEY, media_hash TEXT NOT NULL, bundle_id TEXT NOT NULL,
  preprocessing TEXT NOT NULL, file_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE exports (
  id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  job_id TEXT NOT NULL, options_json TEXT NOT NULL, output_path TEXT NOT NULL,
  status TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE history (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  label TEXT NOT NULL, coalesce_key TEXT, forward_json TEXT NOT NULL, inverse_json TEXT NOT NULL,
  created_ms INTEGER NOT NULL, PRIMARY KEY (project_id, seq));
ALTER TABLE projects ADD COLUMN history_pos INTEGER NOT NULL DEFAULT 0;
CREATE TABLE project_locks (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  pid INTEGER NOT NULL, token TEXT NOT NULL, acquired_at TEXT NOT NULL);
`;

// Owners are identified by pid and process start time, because pids are reused.
const v3 = `
ALTER TABLE jobs ADD COLUMN owner_started TEXT;
ALTER TABLE project_locks ADD COLUMN started TEXT;
`;

// A plan with seams centred on the video's cuts is a plan of its own beside the ordinary one of the same settings.
const v4 = `
ALTER TABLE plans ADD COLUMN scene_seams INTEGER NOT NULL DEFAULT 0;
`;

// A take records what it continued: the take whose codes prompted it and the columns it took from them.
const v5 = `
ALTER TABLE takes ADD COLUMN continued_take_id TEXT;
ALTER TABLE takes ADD COLUMN continued_from INTEGER CHECK (continued_from >= 0);
ALTER TABLE takes ADD COLUMN continued_frames INTEGER CHECK (continued_frames > 0);
`;

/** Every migration, in order; the schema version is the number applied. */
export const MIGRATIONS: readonly Migration[] = [
  { description: 'projects, media, plans, windows, takes, selections, seams, jobs', up: (db) => db.exec(v1) },
  { description: 'feature cache, exports, command history, project locks', up: (db) => db.exec(v2) },
  { description: 'process start time of job and lock owners', up: (db) => db.exec(v3) },
  { description: 'plans with seams at the cuts', up: (db) => db.exec(v4) },
  { description: 'what each take continued (take id and code columns)', up: (db) => db.exec(v5) },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database up to `target` (default: the latest); refuses a database from a newer build. */
export function migrate(db: Database, target = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION)
    throw new Error(`schema version ${current} is newer than this build supports (${SCHEMA_VERSION})`);
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      MIGRATIONS[v].up(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return Math.max(current, target);
}
