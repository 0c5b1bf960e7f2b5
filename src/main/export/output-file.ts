// The export's destination: written under a hidden temporary name in the same folder, fsynced, then renamed
// over the final name, so a reader never sees a half-written file and a failure or cancel leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';

/** A reserved temporary file that becomes the output on commit, or disappears on discard. */
export interface PendingOutput {
  finalPath: string;
  tempPath: string;
  /** fsyncs the temporary file, renames it to the final name and fsyncs the folder. */
  commit(): Promise<void>;
  /** Removes the temporary file; never throws. */
  discard(): Promise<void>;
}

/** AppError for a failed file-system call on the output (full disk, read-only or forbidden folder, ...). */
export function outputFsError(e: unknown, path: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('disk-full', `The disk holding ${folder} is full: free some space and export again`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError(
      'not-writable',
      `The folder ${folder} is not writable: choose another place to export to`,
    );
  if (code === 'EISDIR')
    return new AppError('invalid-input', `${path} is a folder: choose a file name to export to`);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new AppError('not-found', `The folder ${folder} does not exist`);
  return new AppError('internal', `Cannot write ${path}: ${(e as Error).message}`);
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Reserves a temporary file beside outputPath; refuses to overwrite the source and reports unwritable folders. */
export async function prepareOutput(outputPath: string, sourcePath: string): Promise<PendingOutput> {
  const finalPath = resolve(outputPath);
  if (await sameFile(finalPath, sourcePath))
    throw new AppError(
      'invalid-input',
      `The export would overwrite its own source video ${sourcePath}: choose another file name`,
    );
  if ((await stat(finalPath).catch(() => null))?.isDirectory())
    throw outputFsError(Object.assign(new Error('is a folder'), { code: 'EISDIR' }), finalPath);
  let folder: string;
  try {
    folder = await realpath(dirname(finalPath));
  } catch (e) {
    throw outputFsError(e, finalPath);
  }
  const tempPath = join(folder, `.${basename(finalPath)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await (await open(tempPath, 'wx')).close();
  } catch (e) {
    throw outputFsError(e, finalPath);
  }
  const discard = (): Promise<void> => rm(tempPath, { force: true }).catch(() => undefined);
  const commit = async (): Promise<void> => {
    try {
      await fsyncPath(tempPath, 'r+');
      await rename(tempPath, finalPath);
    } catch (e) {
      await discard();
      throw outputFsError(e, finalPath);
    }
    await fsyncPath(folder, 'r').catch(() => undefined);
  };
  return { finalPath, tempPath, commit, discard };
}

// The folder is fsynced too so the rename itself survives a power cut (ignored where folders cannot be opened).
async function fsyncPath(path: string, flags: string): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
