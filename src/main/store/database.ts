// Opens the library database: WAL (readers never block the writer, and a kill loses no committed
// transaction), foreign keys on, migrated to the current schema. A damaged file is never written to:
// it is copied aside as a backup and opening fails with a clear error.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { migrate } from './migrations';

/** The better-sqlite3 handle the repositories share. */
export type Db = Database.Database;

const HEADER = 'SQLite format 3\0';

/** True when the file is missing or starts with the SQLite header (an empty file is a fresh database too). */
function hasSqliteHeader(file: string): boolean {
  if (!existsSync(file)) return true;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 0 || buf.toString('latin1', 0, n) === HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Copies a damaged database aside under a name nothing else uses; returns the backup path. */
function backupCorrupt(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let i = 0; ; i++) {
    const backup = `${file}.corrupt-${stamp}${i ? `-${i}` : ''}.bak`;
    try {
      copyFileSync(file, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function corrupt(file: string, why: string): AppError {
  const backup = backupCorrupt(file);
  return new AppError(
    'corrupt-database',
    `The library database ${file} is damaged (${why}). It was left untouched and a copy was kept at ${backup}; ` +
      `move it away to start a new library.`,
  );
}

/** True for SQLite errors that mean the file is not a sound database. */
const isCorruption = (e: unknown): boolean =>
  /SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: string }).code ?? ''));

/** Opens (creating if needed) and migrates the database at `file`. */
export function openDatabase(file: string): Db {
  if (!hasSqliteHeader(file)) throw corrupt(file, 'not an SQLite file');
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw mapSqliteError(e, `open the library database ${file}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (isCorruption(e)) throw corrupt(file, (e as Error).message);
    if (/newer than this build/.test((e as Error).message))
      throw new AppError(
        'corrupt-database',
        `The library database ${file} was written by a newer version: ${(e as Error).message}`,
      );
    throw mapSqliteError(e, `open the library database ${file}`);
  }
}

/** Turns SQLite failures users can act on (disk full, read-only, busy) into AppErrors. */
export function mapSqliteError(e: unknown, doing: string): unknown {
  if (e instanceof AppError) return e;
  const code = String((e as { code?: string }).code ?? '');
  if (code.startsWith('SQLITE_FULL'))
    return new AppError('disk-full', `The disk is full: could not ${doing}.`);
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM')
  )
    return new AppError('not-writable', `Could not ${doing}: the library folder is not writable.`);
  if (code.startsWith('SQLITE_BUSY')) return new AppError('busy', `Could not ${doing}: the library is busy.`);
  return e;
}
