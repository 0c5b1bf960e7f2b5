// Checks of the file arguments of API calls, made before a job exists: a call that names a missing file, a
// file where a folder is needed (or the reverse) or an unreadable one is refused at once with what is wrong.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';

/** What a path argument must be. */
export type PathKind = 'file' | 'folder';

/** The absolute path when it names a readable `kind`; otherwise a not-found or invalid-input AppError. */
export function requirePath(path: string, kind: PathKind, what: string): string {
  if (path.includes('\0')) throw new AppError('invalid-input', `The ${what} path contains a NUL character.`);
  const abs = resolve(path);
  let stat;
  try {
    stat = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('not-found', `The ${what} ${abs} does not exist.`);
    throw new AppError('invalid-input', `The ${what} ${abs} cannot be read (${code ?? 'error'}).`);
  }
  // Devices and pipes never end or block a reader, so a file argument must be a regular file.
  if (kind === 'folder' && !stat.isDirectory())
    throw new AppError('invalid-input', `The ${what} ${abs} is not a folder.`);
  if (kind === 'file' && !stat.isFile())
    throw new AppError(
      'invalid-input',
      `The ${what} ${abs} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}.`,
    );
  try {
    accessSync(abs, constants.R_OK | (kind === 'folder' ? constants.X_OK : 0));
  } catch {
    throw new AppError('invalid-input', `The ${what} ${abs} cannot be read (permission denied).`);
  }
  return abs;
}

/** A folder holding a file `name` (a bundle's model.json); a folder without one is refused as 'bad-bundle'. */
export function requireFolderWith(path: string, name: string, what: string): string {
  const abs = requirePath(path, 'folder', what);
  let inner;
  try {
    inner = statSync(join(abs, name), { throwIfNoEntry: false });
  } catch {
    inner = undefined;
  }
  if (!inner?.isFile()) throw new AppError('bad-bundle', `${abs} is not a ${what} (no ${name} file in it).`);
  return abs;
}

/** A file the export may write: its folder exists and is writable, it is not a folder nor the source video. */
export function requireOutputPath(path: string, sourcePath: string): string {
  if (path.includes('\0')) throw new AppError('invalid-input', 'The output path contains a NUL character.');
  const abs = resolve(path);
  const folder = dirname(abs);
  const stat = (p: string) => statSync(p, { throwIfNoEntry: false });
  let target, parent;
  try {
    [target, parent] = [stat(abs), stat(folder)];
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new AppError('not-found', `The folder ${folder} does not exist.`);
    throw new AppError('invalid-input', `${abs} cannot be an export file (${code ?? 'error'}).`);
  }
  if (target?.isDirectory())
    throw new AppError('invalid-input', `${abs} is a folder: choose a file name to export to.`);
  if (!parent?.isDirectory()) throw new AppError('not-found', `The folder ${folder} does not exist.`);
  let source;
  try {
    source = stat(sourcePath);
  } catch {
    source = undefined;
  }
  if (
    abs === resolve(sourcePath) ||
    (target && source && target.dev === source.dev && target.ino === source.ino)
  )
    throw new AppError(
      'invalid-input',
      `The export would overwrite its own source video ${sourcePath}: choose another file name.`,
    );
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new AppError(
      'not-writable',
      `The folder ${folder} is not writable: choose another place to export to.`,
    );
  }
  return abs;
}
