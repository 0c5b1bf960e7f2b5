// Deleted takes are kept while an undo or redo step could bring them back; once no history step names them
// (the steps were dropped by a new edit or the history limit) their rows go, and their files follow at the
// next garbage collection.
import type { Db } from './database';

/** Removes deleted takes that no history step refers to; returns how many. */
export function purgeDeletedTakes(db: Db): number {
  return db
    .prepare(
      `DELETE FROM takes WHERE deleted = 1 AND NOT EXISTS (
         SELECT 1 FROM history h WHERE instr(h.forward_json, takes.id) > 0 OR instr(h.inverse_json, takes.id) > 0)`,
    )
    .run().changes;
}
