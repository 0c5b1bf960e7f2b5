// Finds a moved video in a folder the user points at: candidates of the recorded size are hashed, so only a
// file with exactly the original content is accepted, whatever it is called now.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashMediaFile } from '../../media/hash-media';

/** Folder levels searched below the one given. */
const DEPTH = 2;

/** The first file under `dir` (two levels deep) with this size and content hash, or null. */
export async function findFileByHash(
  dir: string,
  bytes: number,
  contentHash: string,
  depth = DEPTH,
): Promise<string | null> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const e of entries.filter((x) => x.isFile())) {
    const p = join(dir, e.name);
    const s = await stat(p).catch(() => null);
    if (s?.size === bytes && (await hashMediaFile(p).catch(() => null)) === contentHash) return p;
  }
  if (depth === 0) return null;
  for (const e of entries.filter((x) => x.isDirectory() && !x.name.startsWith('.'))) {
    const found = await findFileByHash(join(dir, e.name), bytes, contentHash, depth - 1);
    if (found) return found;
  }
  return null;
}
