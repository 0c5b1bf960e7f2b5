// The exports table: one row per export job, running until it is done, failed or cancelled.
import type { Db } from './database';

/** Records a running export; returns its id. */
export function insertExport(
  db: Db,
  e: { projectId: string; jobId: string; optionsJson: string; outputPath: string },
): string {
  const id = (db.prepare('SELECT lower(hex(randomblob(16))) AS id').get() as { id: string }).id;
  db.prepare(
    `INSERT INTO exports (id, project_id, job_id, options_json, output_path, status, created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)`,
  ).run(id, e.projectId, e.jobId, e.optionsJson, e.outputPath, new Date().toISOString());
  return id;
}

/** Marks an export finished with `status`. */
export function finishExport(db: Db, id: string, status: string): void {
  db.prepare('UPDATE exports SET status = ?, finished_at = ? WHERE id = ?').run(
    status,
    new Date().toISOString(),
    id,
  );
}
