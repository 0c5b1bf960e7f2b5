// Writes torch.save-compatible zip checkpoints (data.pkl + data/<key> storages + version), as the release
// is laid out: used for the seeded tiny bundle and for synthetic checkpoints in benchmarks and tests.
import fs from 'node:fs';
import { storedBytes } from './dtype';
import type { StoredDType } from './weights';
import { ZipWriter } from './zip-writer';

/** A tensor to write: C-contiguous bytes given at once or produced in chunks. */
export class OutTensor {
  constructor(
    readonly dtype: StoredDType,
    readonly dims: readonly number[],
    readonly data: Uint8Array | (() => Iterable<Uint8Array>),
  ) {}
}

/** Values the writer pickles: Map = OrderedDict, plain object = dict. */
export type PickleValue =
  string | number | boolean | null | OutTensor | Map<string, PickleValue> | { [k: string]: PickleValue };

const STORAGE: Record<StoredDType, string> = {
  float32: 'FloatStorage',
  float16: 'HalfStorage',
  bfloat16: 'BFloat16Storage',
  int64: 'LongStorage',
  int32: 'IntStorage',
  uint8: 'ByteStorage',
  bool: 'BoolStorage',
};

/** Writes `root` as a torch checkpoint at `file` (temporary name, then rename). */
export function writeTorchCheckpoint(
  file: string,
  root: PickleValue,
  opts: { prefix?: string; zip64?: boolean } = {},
): void {
  const prefix = opts.prefix ?? 'archive';
  const tensors: OutTensor[] = [];
  const pkl = new Pickler(tensors).dump(root);
  const tmp = `${file}.tmp-${process.pid}`;
  const zip = new ZipWriter(tmp, opts.zip64 ?? false);
  try {
    zip.add(`${prefix}/data.pkl`, pkl);
    zip.add(`${prefix}/byteorder`, Buffer.from('little'));
    tensors.forEach((t, i) => {
      const n = t.dims.reduce((a, b) => a * b, 1) * storedBytes[t.dtype];
      zip.add(`${prefix}/data/${i}`, t.data instanceof Uint8Array ? t.data : counted(t.data(), n, i));
    });
    zip.add(`${prefix}/version`, Buffer.from('3\n'));
    zip.finish();
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      zip.abort();
    } catch {
      // already closed by finish()
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function* counted(chunks: Iterable<Uint8Array>, expected: number, key: number): Iterable<Uint8Array> {
  let n = 0;
  for (const c of chunks) {
    n += c.byteLength;
    yield c;
  }
  if (n !== expected) throw new Error(`tensor storage ${key}: produced ${n} bytes, expected ${expected}`);
}

/** Pickle protocol 2 with the opcodes torch.save emits for state dicts. */
class Pickler {
  private readonly parts: Buffer[] = [];

  constructor(private readonly tensors: OutTensor[]) {}

  dump(v: PickleValue): Buffer {
    this.parts.push(Buffer.from([0x80, 2]));
    this.value(v);
    this.parts.push(Buffer.from('.'));
    return Buffer.concat(this.parts);
  }

  private value(v: PickleValue): void {
    if (v === null) this.op(0x4e);
    else if (typeof v === 'boolean') this.op(v ? 0x88 : 0x89);
    else if (typeof v === 'number') this.int(v);
    else if (typeof v === 'string') this.str(v);
    else if (v instanceof OutTensor) this.tensor(v);
    else if (v instanceof Map) {
      this.global('collections', 'OrderedDict');
      this.op(0x29, 0x52); // EMPTY_TUPLE REDUCE
      this.items([...v.entries()]);
    } else {
      this.op(0x7d); // EMPTY_DICT
      this.items(Object.entries(v));
    }
  }

  private items(entries: [string, PickleValue][]): void {
    if (entries.length === 0) return;
    this.op(0x28); // MARK
    for (const [k, val] of entries) {
      this.str(k);
      this.value(val);
    }
    this.op(0x75); // SETITEMS
  }

  private tensor(t: OutTensor): void {
    const key = this.tensors.push(t) - 1;
    const numel = t.dims.reduce((a, b) => a * b, 1);
    const strides = t.dims.map((_, i) => t.dims.slice(i + 1).reduce((a, b) => a * b, 1));
    this.global('torch._utils', '_rebuild_tensor_v2');
    this.op(0x28, 0x28); // MARK (args) MARK (persistent id)
    this.str('storage');
    this.global('torch', STORAGE[t.dtype]);
    this.str(String(key));
    this.str('cpu');
    this.int(numel);
    this.op(0x74, 0x51); // TUPLE BINPERSID
    this.int(0);
    this.tuple(t.dims);
    this.tuple(strides);
    this.op(0x89); // requires_grad False
    this.global('collections', 'OrderedDict');
    this.op(0x29, 0x52, 0x74, 0x52); // EMPTY_TUPLE REDUCE (hooks), TUPLE, REDUCE
  }

  private tuple(xs: readonly number[]): void {
    this.op(0x28);
    for (const x of xs) this.int(x);
    this.op(0x74);
  }

  private int(v: number): void {
    if (!Number.isInteger(v)) throw new Error(`cannot pickle non-integer number ${v}`);
    if (v >= 0 && v < 256) this.op(0x4b, v);
    else if (v >= 0 && v < 65536) this.bytes(0x4d, 2, (b) => b.writeUInt16LE(v, 1));
    else if (v >= -(2 ** 31) && v < 2 ** 31) this.bytes(0x4a, 4, (b) => b.writeInt32LE(v, 1));
    else
      this.bytes(0x8a, 9, (b) => {
        b[1] = 8;
        b.writeBigInt64LE(BigInt(v), 2);
      });
  }

  private str(s: string): void {
    const body = Buffer.from(s, 'utf8');
    this.bytes(0x58, 4, (b) => b.writeUInt32LE(body.length, 1));
    this.parts.push(body);
  }

  private global(mod: string, name: string): void {
    this.parts.push(Buffer.from(`c${mod}\n${name}\n`, 'utf8'));
  }

  private bytes(opcode: number, n: number, fill: (b: Buffer) => void): void {
    const b = Buffer.alloc(1 + n);
    b[0] = opcode;
    fill(b);
    this.parts.push(b);
  }

  private op(...codes: number[]): void {
    this.parts.push(Buffer.from(codes));
  }
}
