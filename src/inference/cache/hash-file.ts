// Content hash of a video file: the cache key must change when the bytes change, whatever the file is called.
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { AbortSignalLike } from '../../shared/progress';
import { sha256File } from '../../media/sha256';

/** Hex sha256 of a file's bytes, streamed; abort stops reading with AppError('cancelled'). */
export async function hashFile(path: string, signal?: AbortSignalLike): Promise<string> {
  try {
    return await sha256File(path, { signal });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'not-found' : 'unreadable-media',
      `Cannot read ${path}: ${(e as Error).message}`,
    );
  }
}

const memo = new Map<string, string>();

/**
 * hashFile, remembered per (path, size, mtime, inode) for the life of the process, so regenerating a window
 * of a large video does not read the whole file again; any change to the file changes the stamp.
 */
export async function hashFileCached(path: string, signal?: AbortSignalLike): Promise<string> {
  const st = await stat(path).catch(() => null);
  if (!st) return hashFile(path, signal);
  const stamp = `${path}\0${st.size}\0${st.mtimeMs}\0${st.ino}`;
  const hit = memo.get(stamp);
  if (hit) return hit;
  const h = await hashFile(path, signal);
  memo.set(stamp, h);
  return h;
}
