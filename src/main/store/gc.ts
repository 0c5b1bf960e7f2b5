// Garbage collection of the file store: a file no row refers to is deleted. Files younger than the grace
// period are kept, because a running job writes its files before the row that refers to them commits.
import type { Db } from './database';
import type { FileStore } from './file-store';

/** Hashes of every file the database refers to (takes, deleted or not, since undo may bring them back; feature cache). */
export function referencedHashes(db: Db): Set<string> {
  const rows = db
    .prepare(
      `SELECT codes_hash AS h FROM takes UNION SELECT audio_hash FROM takes UNION SELECT file_hash FROM feature_cache`,
    )
    .all() as { h: string }[];
  return new Set(rows.map((r) => r.h));
}

/** Deletes unreferenced files older than `graceMs`; returns how many were removed. */
export function collectGarbage(db: Db, files: FileStore, opts: { graceMs: number; nowMs?: number }): number {
  const now = opts.nowMs ?? Date.now();
  const keep = referencedHashes(db);
  let removed = 0;
  for (const f of files.list()) {
    if (keep.has(f.hash) || now - f.mtimeMs < opts.graceMs) continue;
    files.remove(f.path);
    removed++;
  }
  return removed;
}
