// NumPy .npy files (format 1.0/2.0, little endian, C order): the reference tensors of the fixtures and
// the test inputs we write ourselves.
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

/** Element types we read and write. */
export type NpyDType = 'float32' | 'float64' | 'int64' | 'int32' | 'uint8' | 'int8' | 'bool' | 'float16';

/** Typed array that holds an npy payload (float16 is kept as raw Uint16 bits). */
export type NpyData =
  Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Uint16Array;

/** An n-dimensional array as read from or written to an .npy file. */
export interface NpyArray {
  dtype: NpyDType;
  shape: number[];
  data: NpyData;
}

const DESCR: Record<string, NpyDType> = {
  '<f4': 'float32',
  '<f8': 'float64',
  '<i8': 'int64',
  '<i4': 'int32',
  '|u1': 'uint8',
  '|i1': 'int8',
  '|b1': 'bool',
  '<f2': 'float16',
};
const DESCR_OF: Record<NpyDType, string> = Object.fromEntries(
  Object.entries(DESCR).map(([k, v]) => [v, k]),
) as Record<NpyDType, string>;
const BYTES: Record<NpyDType, number> = {
  float32: 4,
  float64: 8,
  int64: 8,
  int32: 4,
  uint8: 1,
  int8: 1,
  bool: 1,
  float16: 2,
};

/** Parses .npy bytes; `label` names the file in errors. */
export function parseNpy(buf: Uint8Array, label = 'npy'): NpyArray {
  const bad = (why: string): AppError =>
    new AppError('invalid-input', `${label}: not a valid .npy file (${why})`);
  if (buf.length < 10 || buf[0] !== 0x93 || String.fromCharCode(...buf.subarray(1, 6)) !== 'NUMPY')
    throw bad('magic');
  const major = buf[6];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(buf.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw bad('header');
  const dtype = DESCR[descr];
  if (!dtype) throw bad(`unsupported dtype ${descr}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (buf.length - offset < count * BYTES[dtype]) throw bad('truncated data');
  let bytes: Uint8Array = buf.slice(offset, offset + count * BYTES[dtype]);
  if (fortran === 'True') bytes = fortranToC(bytes, shape, BYTES[dtype]);
  return { dtype, shape, data: typed(dtype, bytes.buffer, count) };
}

/** Reads an .npy file. */
export function readNpy(file: string): NpyArray {
  if (!fs.existsSync(file)) throw new AppError('not-found', `${file}: no such file`);
  return parseNpy(new Uint8Array(fs.readFileSync(file)), file);
}

/** Serialises an array as .npy version 1.0 bytes. */
export function encodeNpy(a: NpyArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${DESCR_OF[a.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = new Uint8Array(10 + header.length);
  head.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0]);
  new DataView(head.buffer).setUint16(8, header.length, true);
  head.set(new TextEncoder().encode(header), 10);
  const body = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** Writes an .npy file (temporary name, then rename). */
export function writeNpy(file: string, a: NpyArray): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, encodeNpy(a));
  fs.renameSync(tmp, file);
}

/** The values of a float array as float32 (float64 is rounded; integers converted). */
export function npyToF32(a: NpyArray): Float32Array {
  if (a.data instanceof Float32Array) return a.data;
  if (a.data instanceof BigInt64Array) return Float32Array.from(a.data, (v) => Number(v));
  if (a.data instanceof Uint16Array)
    throw new AppError('invalid-input', 'float16 npy to float32 is not supported');
  return Float32Array.from(a.data as ArrayLike<number>);
}

/** Reorders column-major element bytes into row-major order. */
function fortranToC(src: Uint8Array, shape: number[], es: number): Uint8Array {
  const out = new Uint8Array(src.length);
  const n = shape.reduce((a, b) => a * b, 1);
  const fStride = shape.map((_, i) => shape.slice(0, i).reduce((a, b) => a * b, 1));
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    for (let i = 0; i < shape.length; i++) f += idx[i] * fStride[i];
    out.set(src.subarray(f * es, f * es + es), c * es);
    for (let i = shape.length - 1; i >= 0 && ++idx[i] === shape[i]; i--) idx[i] = 0;
  }
  return out;
}

function typed(dtype: NpyDType, buf: ArrayBufferLike, n: number): NpyData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buf, 0, n);
    case 'float64':
      return new Float64Array(buf, 0, n);
    case 'int64':
      return new BigInt64Array(buf, 0, n);
    case 'int32':
      return new Int32Array(buf, 0, n);
    case 'int8':
      return new Int8Array(buf, 0, n);
    case 'float16':
      return new Uint16Array(buf, 0, n);
    default:
      return new Uint8Array(buf, 0, n);
  }
}
