// On-disk form of a float32 tensor: "VMFEAT1\n", u32 LE header length, JSON header {key, dims}, zero padding
// to 8 bytes, then the little-endian float32 data. Written to a temporary name, fsynced and renamed.
import { readFile } from 'node:fs/promises';

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

/** Reads a feature file, or null when it is missing or incomplete. */
export async function readFeatureFile(path: string, key: string): Promise<FeatureTensor | null> {
  const buf = await readFile(path).catch(() => null);
  return buf ? decodeFeatureFile(key, buf) : null;
}
