// Writes a whole file so that readers see either the old content or the new, never a part: a temporary
// name beside the target, fsync, rename. A failure or a full disk leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { AppError } from '../shared/errors';

/** Writes bytes atomically: temp file beside the target, fsync, rename; a failure leaves nothing behind. */
export async function writeFileAtomic(path: string, bytes: Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppError('disk-full', `Disk full while writing ${path}`);
    throw new AppError('not-writable', `Cannot write ${path}: ${(e as Error).message}`);
  }
}
