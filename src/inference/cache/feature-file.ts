// On-disk form of a float32 tensor: "VMFEAT1\n", u32 LE header length, JSON header {key, dims}, zero padding
// to 8 bytes, then the little-endian float32 data. Written to a temporary name, fsynced and renamed.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { AppError } from '../../shared/errors';

/** A float32 tensor with its dimensions. */
export interface FeatureTensor {
  dims: number[];
  data: Float32Array;
}

const MAGIC = Buffer.from('VMFEAT1\n');

/** Serialises a tensor with the key it was stored under. */
export function encodeFeatureFile(key: string, t: FeatureTensor): Buffer {
  const json = Buffer.from(JSON.stringify({ key, dims: t.dims }));
  const headerLen = Math.ceil((MAGIC.length + 4 + json.length) / 8) * 8 - MAGIC.length - 4;
  const head = Buffer.alloc(MAGIC.length + 4 + headerLen);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(headerLen, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  return Buffer.concat([head, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)]);
}

/** Parses a feature file; returns null when it is not a complete file for `key` (a cache miss, not an error). */
export function decodeFeatureFile(key: string, buf: Buffer): FeatureTensor | null {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const headerLen = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + headerLen;
  if (start > buf.length) return null;
  let head: { key?: unknown; dims?: unknown };
  try {
    head = JSON.parse(
      buf
        .subarray(MAGIC.length + 4, start)
        .toString('utf8')
        .replace(/\0+$/, ''),
    );
  } catch {
    return null;
  }
  const dims = head.dims;
  if (head.key !== key || !Array.isArray(dims) || !dims.every((d) => Number.isSafeInteger(d) && d >= 0))
    return null;
  const n = (dims as number[]).reduce((a, b) => a * b, 1);
  if (buf.length - start !== n * 4) return null;
  const data = new Float32Array(n);
  Buffer.from(data.buffer).set(buf.subarray(start));
  return { dims: dims as number[], data };
}

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

/** Reads a feature file, or null when it is missing or incomplete. */
export async function readFeatureFile(path: string, key: string): Promise<FeatureTensor | null> {
  const buf = await readFile(path).catch(() => null);
  return buf ? decodeFeatureFile(key, buf) : null;
}
