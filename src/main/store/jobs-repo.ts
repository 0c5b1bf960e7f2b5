// Job rows: every job is recorded when it is created and when its status changes, so a job cut off by a
// crash is found on the next start and shown as interrupted (and can be retried from its stored input).
import type { JobInfo, JobKind, JobStatus } from '../../shared/domain';
import type { SerializedError } from '../../shared/errors';
import type { Progress } from '../../shared/progress';
import type { Db } from './database';
import { OWN_START, isOwnerAlive } from './process-identity';

/** A jobs row. */
export interface JobRow {
  id: string;
  kind: JobKind;
  target: string;
  project_id: string | null;
  label: string;
  status: JobStatus;
  progress_json: string | null;
  error_json: string | null;
  input_json: string;
  result: string | null;
  owner_pid: number;
  owner_started: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The UI form of a job row. */
export const jobInfo = (r: JobRow): JobInfo => ({
  id: r.id,
  kind: r.kind,
  target: r.target,
  projectId: r.project_id,
  label: r.label,
  status: r.status,
  progress: r.progress_json ? (JSON.parse(r.progress_json) as Progress) : null,
  error: r.error_json ? (JSON.parse(r.error_json) as SerializedError) : null,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  result: r.result,
});

/** Inserts a queued job owned by this process. */
export function insertJob(
  db: Db,
  j: Pick<JobRow, 'id' | 'kind' | 'target' | 'project_id' | 'label' | 'input_json'>,
): JobRow {
  db.prepare(
    `INSERT INTO jobs (id, kind, target, project_id, label, status, input_json, owner_pid, owner_started, created_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
  ).run(
    j.id,
    j.kind,
    j.target,
    j.project_id,
    j.label,
    j.input_json,
    process.pid,
    OWN_START,
    new Date().toISOString(),
  );
  return getJob(db, j.id)!;
}

/** A job row, or undefined. */
export const getJob = (db: Db, id: string): JobRow | undefined =>
  db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;

/** Records a status change (and the result or error when it ends). */
export function updateJob(
  db: Db,
  id: string,
  u: {
    status: JobStatus;
    progress?: Progress | null;
    error?: SerializedError | null;
    result?: string | null;
  },
): JobRow {
  const ended = !['queued', 'running'].includes(u.status);
  db.prepare(
    `UPDATE jobs SET status = ?, progress_json = COALESCE(?, progress_json), error_json = ?, result = COALESCE(?, result),
       finished_at = ? WHERE id = ?`,
  ).run(
    u.status,
    u.progress ? JSON.stringify(u.progress) : null,
    u.error ? JSON.stringify(u.error) : null,
    u.result ?? null,
    ended ? new Date().toISOString() : null,
    id,
  );
  return getJob(db, id)!;
}

/** Jobs, newest first. */
export const listJobs = (db: Db, limit = 200): JobRow[] =>
  db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as JobRow[];

/** Marks queued/running jobs whose owning process is gone as interrupted; returns their ids. */
export function markInterruptedJobs(db: Db): string[] {
  return db
    .transaction(() => {
      const open = db
        .prepare("SELECT id, owner_pid, owner_started FROM jobs WHERE status IN ('queued', 'running')")
        .all() as {
        id: string;
        owner_pid: number;
        owner_started: string | null;
      }[];
      const dead = open.filter((j) => !isOwnerAlive(j.owner_pid, j.owner_started));
      const error = JSON.stringify({
        code: 'cancelled',
        message: 'Interrupted: the app stopped while this job was running.',
      });
      const stmt = db.prepare(
        "UPDATE jobs SET status = 'interrupted', error_json = ?, finished_at = ? WHERE id = ?",
      );
      for (const j of dead) stmt.run(error, new Date().toISOString(), j.id);
      return dead.map((j) => j.id);
    })
    .immediate();
}

/** Stored inputs of the export jobs that read as interrupted. */
export const interruptedExportInputs = (db: Db): string[] =>
  (
    db.prepare("SELECT input_json FROM jobs WHERE kind = 'export' AND status = 'interrupted'").all() as {
      input_json: string;
    }[]
  ).map((r) => r.input_json);
