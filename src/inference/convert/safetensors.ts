// safetensors files: u64 LE header length, a JSON header of dtype/shape/data_offsets, raw LE data.
// Tensors are read by offset on demand, so a multi-GB file is never loaded whole.
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { storedBytes, toF32 } from './dtype';
import { MapWeightSource, type StoredDType, type WeightEntry } from './weights';

const DTYPES: Record<string, StoredDType> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  I64: 'int64',
  I32: 'int32',
  U8: 'uint8',
  BOOL: 'bool',
};
const NAMES = Object.fromEntries(Object.entries(DTYPES).map(([k, v]) => [v, k])) as Record<
  StoredDType,
  string
>;

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Opens a safetensors file as a WeightSource; call close() when done. */
export function openSafetensors(file: string): MapWeightSource & { close(): void } {
  if (!fs.existsSync(file)) throw new AppError('not-found', `${file}: no such file`);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bad = (why: string): AppError =>
      new AppError('invalid-input', `${file}: not a valid safetensors file (${why})`);
    const lenBuf = Buffer.alloc(8);
    if (size < 8 || fs.readSync(fd, lenBuf, 0, 8, 0) !== 8) throw bad('too short');
    const headerLen = Number(lenBuf.readBigUInt64LE(0));
    if (headerLen > size - 8 || headerLen > 100_000_000) throw bad('header length');
    const hb = Buffer.alloc(headerLen);
    fs.readSync(fd, hb, 0, headerLen, 8);
    let header: Record<string, HeaderEntry>;
    try {
      header = JSON.parse(hb.toString('utf8')) as Record<string, HeaderEntry>;
    } catch {
      throw bad('header is not JSON');
    }
    const base = 8 + headerLen;
    const entries = Object.entries(header)
      .filter(([k]) => k !== '__metadata__')
      .map(([name, h]) => entryOf(fd, file, name, h, base, size, bad));
    const src = new MapWeightSource(entries, file) as MapWeightSource & { close(): void };
    src.close = () => fs.closeSync(fd);
    return src;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

function entryOf(
  fd: number,
  file: string,
  name: string,
  h: HeaderEntry,
  base: number,
  size: number,
  bad: (why: string) => AppError,
): WeightEntry {
  const dtype = DTYPES[h.dtype];
  if (!dtype) throw bad(`tensor ${name} has unsupported dtype ${h.dtype}`);
  const [start, end] = h.data_offsets;
  const count = h.shape.reduce((a, b) => a * b, 1);
  if (end - start !== count * storedBytes[dtype])
    throw bad(`tensor ${name}: ${end - start} bytes for shape [${h.shape}]`);
  if (base + end > size) throw bad(`tensor ${name} runs past the end of the file (truncated?)`);
  return {
    name,
    dims: h.shape,
    dtype,
    readF32: () => {
      const b = new Uint8Array(end - start);
      let done = 0;
      while (done < b.length) {
        const n = fs.readSync(fd, b, done, b.length - done, base + start + done);
        if (n === 0) throw new AppError('invalid-input', `${file}: unexpected end of file reading ${name}`);
        done += n;
      }
      return toF32(dtype, b, count);
    },
  };
}

/** A tensor to write: shape, dtype and its raw little-endian bytes. */
export interface RawTensor {
  dtype: StoredDType;
  dims: readonly number[];
  bytes: Uint8Array;
}

/** Writes a safetensors file (sorted keys, 8-byte aligned header), via a temporary name. */
export function writeSafetensors(
  file: string,
  tensors: Map<string, RawTensor>,
  metadata: Record<string, string> = { format: 'pt' },
): void {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const n of names) {
    const t = tensors.get(n)!;
    header[n] = {
      dtype: NAMES[t.dtype],
      shape: [...t.dims],
      data_offsets: [offset, offset + t.bytes.byteLength],
    };
    offset += t.bytes.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, len);
    fs.writeSync(fd, json);
    for (const n of names) fs.writeSync(fd, tensors.get(n)!.bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
