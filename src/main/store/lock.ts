// One writer per project: a row in the database names the process (pid) and the studio (token) that holds
// the project open. A second instance is refused clearly; a lock left by a killed process is taken over,
// because a dead pid cannot be editing anything.
import { AppError } from '../../shared/errors';
import type { Db } from './database';
import { OWN_START, isOwnerAlive } from './process-identity';

/** Takes the lock on a project for (this pid, token); throws 'locked' when a live other holder has it. */
export function acquireProjectLock(db: Db, projectId: string, token: string): void {
  db.transaction(() => {
    const row = db
      .prepare('SELECT pid, token, started FROM project_locks WHERE project_id = ?')
      .get(projectId) as { pid: number; token: string; started: string | null } | undefined;
    if (row && row.token === token) return;
    if (row && isOwnerAlive(row.pid, row.started))
      throw new AppError(
        'locked',
        `This project is already open in another VidMuse Studio instance (process ${row.pid}). Close it there first.`,
      );
    db.prepare(
      'INSERT OR REPLACE INTO project_locks (project_id, pid, token, acquired_at, started) VALUES (?, ?, ?, ?, ?)',
    ).run(projectId, process.pid, token, new Date().toISOString(), OWN_START);
  }).immediate();
}

/** True when (token) holds the project's lock. */
export function holdsProjectLock(db: Db, projectId: string, token: string): boolean {
  const row = db.prepare('SELECT token FROM project_locks WHERE project_id = ?').get(projectId) as
    { token: string } | undefined;
  return row?.token === token;
}

/** Releases every lock held by this token (on close or quit). */
export function releaseProjectLocks(db: Db, token: string): void {
  db.prepare('DELETE FROM project_locks WHERE token = ?').run(token);
}

/** Releases one project's lock when this token holds it (the project was closed). */
export function releaseProjectLock(db: Db, projectId: string, token: string): void {
  db.prepare('DELETE FROM project_locks WHERE project_id = ? AND token = ?').run(projectId, token);
}

/** Projects whose lock a live holder other than (token) has: open in another instance. */
export function projectsOpenElsewhere(db: Db, token: string): Set<string> {
  const rows = db
    .prepare('SELECT project_id, pid, started FROM project_locks WHERE token != ?')
    .all(token) as { project_id: string; pid: number; started: string | null }[];
  return new Set(rows.filter((r) => isOwnerAlive(r.pid, r.started)).map((r) => r.project_id));
}
