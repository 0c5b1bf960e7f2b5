// Is the project's video still there and still the same file? Size and mtime are checked first; only when
// they differ is the file hashed again, so opening a project does not reread a large video every time.
import { stat } from 'node:fs/promises';
import { hashMediaFile } from '../../media/hash-media';
import type { Db } from '../store/database';
import { updateMediaLocation, type MediaRow } from '../store/projects-repo';
import type { MediaStatus } from './project-state';

/** Checks the recorded video; records a new mtime when the content proved unchanged (unless `record` is false). */
export async function checkMedia(db: Db, m: MediaRow, record = true): Promise<MediaStatus> {
  let s;
  try {
    s = await stat(m.path);
  } catch {
    return { missing: true, changed: false };
  }
  if (s.size === m.bytes && Math.round(s.mtimeMs) === m.mtime_ms) return { missing: false, changed: false };
  if (s.size !== m.bytes) return { missing: false, changed: true };
  const hash = await hashMediaFile(m.path);
  if (hash !== m.content_hash) return { missing: false, changed: true };
  if (record) updateMediaLocation(db, m.id, m.path, s.size, Math.round(s.mtimeMs));
  return { missing: false, changed: false };
}
