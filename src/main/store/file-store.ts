// Content-addressed files beside the database (take audio, codes, features). A file is written under a
// temporary name, fsynced, renamed to its hash and the folder fsynced, so a kill or a full disk leaves either
// the whole file or nothing under its final name. Temporary leftovers are swept when the store opens.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

/** Maps filesystem errors users can act on to AppErrors. */
export function fsError(e: unknown, doing: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('disk-full', `The disk is full: could not ${doing}.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError('not-writable', `Could not ${doing}: permission denied.`);
  return e;
}

/** SHA-256 of bytes, hex. */
export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes bytes to `final` atomically: temp name in `tmpDir`, fsync, rename, fsync the folder. */
export function writeFileAtomic(final: string, tmpDir: string, data: Uint8Array): void {
  const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, final);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw fsError(e, `write ${final}`);
  }
  fsyncDir(tmpDir);
}

/** A folder of files named by the SHA-256 of their content. */
export class FileStore {
  private readonly tmp: string;

  /** Opens (creating) the store at `root` and removes temporary files left by a crash. */
  constructor(readonly root: string) {
    this.tmp = join(root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
    for (const f of readdirSync(this.tmp)) rmSync(join(this.tmp, f), { force: true });
  }

  /** Absolute path of the file with this hash and extension. */
  path(hash: string, ext: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash) || !/^[a-z0-9]{1,8}$/.test(ext))
      throw new AppError('invalid-input', `Bad file reference ${hash}.${ext}`);
    return join(this.root, hash.slice(0, 2), `${hash}.${ext}`);
  }

  /** Stores bytes durably and returns their hash; storing the same bytes twice keeps one file. */
  put(data: Uint8Array, ext: string): string {
    const hash = sha256(data);
    const final = this.path(hash, ext);
    if (existsSync(final) && statSync(final).size === data.length) return hash;
    try {
      mkdirSync(join(this.root, hash.slice(0, 2)), { recursive: true });
    } catch (e) {
      throw fsError(e, `create a folder in ${this.root}`);
    }
    writeFileAtomic(final, this.tmp, data);
    return hash;
  }

  /** True when the file is present. */
  has(hash: string, ext: string): boolean {
    return existsSync(this.path(hash, ext));
  }

  /** Every stored file as {hash, ext, path, mtimeMs}. */
  list(): { hash: string; ext: string; path: string; mtimeMs: number }[] {
    const out: { hash: string; ext: string; path: string; mtimeMs: number }[] = [];
    for (const dir of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const f of readdirSync(join(this.root, dir))) {
        const m = /^([0-9a-f]{64})\.([a-z0-9]+)$/.exec(f);
        if (!m) continue;
        const p = join(this.root, dir, f);
        out.push({ hash: m[1], ext: m[2], path: p, mtimeMs: statSync(p).mtimeMs });
      }
    }
    return out;
  }

  /** Deletes one stored file (garbage collection). */
  remove(path: string): void {
    try {
      unlinkSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
