import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { openDatabase } from '../../../src/main/store/database';
import { acquireProjectLock, holdsProjectLock, releaseProjectLocks } from '../../../src/main/store/lock';
import { tempDir } from '../synth-media';

const tmp = tempDir('lock');
afterAll(() => tmp.remove());
const file = join(tmp.dir, 'library.db');

function seedProject(): void {
  const db = openDatabase(file);
  db.exec(`INSERT INTO media VALUES ('m', '/v', 'h', 1, 1, '{}');
    INSERT INTO projects (id, name, media_id, bundle_id, sample_rate, total_samples, params_json, created_at, updated_at, opened_at)
    VALUES ('p', 'P', 'm', 'b', 32000, 1, '{}', 't', 't', 't');`);
  db.close();
}

// A real second process takes the lock with its own better-sqlite3 connection and then waits (or is killed).
function lockInChild(): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.prepare("INSERT OR REPLACE INTO project_locks (project_id, pid, token, acquired_at) VALUES ('p', ?, 'child', 't')").run(process.pid);
    console.log('locked');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    child.stdout.once('data', () =>
      resolve({
        pid: child.pid!,
        kill: () => new Promise<void>((r) => (child.on('exit', () => r()), child.kill('SIGKILL'))),
      }),
    );
  });
}

describe('project lock', () => {
  seedProject();

  it('refuses a second instance while the holder runs, and takes over after it was killed', async () => {
    const db = openDatabase(file);
    const child = await lockInChild();
    let err: unknown;
    try {
      acquireProjectLock(db, 'p', 'me');
    } catch (e) {
      err = e;
    }
    expect((err as AppError).code).toBe('locked');
    expect((err as AppError).message).toContain(`process ${child.pid}`);
    expect(holdsProjectLock(db, 'p', 'me')).toBe(false);
    await child.kill();
    acquireProjectLock(db, 'p', 'me');
    expect(holdsProjectLock(db, 'p', 'me')).toBe(true);
    releaseProjectLocks(db, 'me');
    db.close();
  });

  it('takes over a lock whose pid now belongs to another process (pid reuse)', async () => {
    const db = openDatabase(file);
    const child = await lockInChild();
    db.prepare("UPDATE project_locks SET started = 'not-its-start-time' WHERE project_id = 'p'").run();
    acquireProjectLock(db, 'p', 'me');
    expect(holdsProjectLock(db, 'p', 'me')).toBe(true);
    releaseProjectLocks(db, 'me');
    await child.kill();
    db.close();
  });

  it('refuses another studio in the same process until the holder releases', () => {
    const db = openDatabase(file);
    acquireProjectLock(db, 'p', 'first');
    acquireProjectLock(db, 'p', 'first');
    expect(() => acquireProjectLock(db, 'p', 'second')).toThrow(
      /already open in another VidMuse Studio instance/,
    );
    releaseProjectLocks(db, 'first');
    acquireProjectLock(db, 'p', 'second');
    expect(holdsProjectLock(db, 'p', 'second')).toBe(true);
    db.close();
  });
});
