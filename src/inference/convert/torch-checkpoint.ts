// Reader of torch.save zip checkpoints: unpickles data.pkl with torch's rebuild functions mapped to lazy
// tensor references, and reads each tensor's storage slice from the zip by offset only when asked.
import { AppError } from '../../shared/errors';
import { unpickle } from './pickle';
import { storedBytes, toF32 } from './dtype';
import { ZipReader } from './zip-reader';
import type { StoredDType, WeightEntry } from './weights';

/** A storage of the archive (`<prefix>/data/<key>`). */
export interface TorchStorage {
  key: string;
  dtype: StoredDType;
  numel: number;
}

const STORAGE_TYPES: Record<string, StoredDType> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** A tensor of a checkpoint: a strided view of a storage, read lazily. */
export class TorchTensor implements WeightEntry {
  name = '';
  constructor(
    private readonly ckpt: TorchCheckpoint,
    readonly storage: TorchStorage,
    readonly offset: number,
    readonly dims: number[],
    readonly stride: number[],
  ) {}

  get dtype(): StoredDType {
    return this.storage.dtype;
  }

  /** Number of elements. */
  get numel(): number {
    return this.dims.reduce((a, b) => a * b, 1);
  }

  /** True when the view is C-contiguous (read with one slice). */
  get contiguous(): boolean {
    let expect = 1;
    for (let i = this.dims.length - 1; i >= 0; i--) {
      if (this.dims[i] !== 1 && this.stride[i] !== expect) return false;
      expect *= this.dims[i];
    }
    return true;
  }

  /** Bytes the tensor occupies in C order. */
  readBytesLength(): number {
    return this.numel * storedBytes[this.dtype];
  }

  /** Raw little-endian bytes of the tensor in C order. */
  readBytes(): Uint8Array {
    const es = storedBytes[this.dtype];
    if (this.contiguous) return this.ckpt.readStorage(this.storage, this.offset * es, this.numel * es);
    return this.gather(es);
  }

  readF32(): Float32Array {
    return toF32(this.dtype, this.readBytes(), this.numel);
  }

  private gather(es: number): Uint8Array {
    let lo = this.offset;
    let hi = this.offset;
    this.dims.forEach((d, i) =>
      this.stride[i] >= 0 ? (hi += (d - 1) * this.stride[i]) : (lo += (d - 1) * this.stride[i]),
    );
    const src = this.ckpt.readStorage(this.storage, lo * es, (hi - lo + 1) * es);
    const out = new Uint8Array(this.numel * es);
    const idx = new Array<number>(this.dims.length).fill(0);
    for (let n = 0; n < this.numel; n++) {
      let at = this.offset - lo;
      for (let i = 0; i < idx.length; i++) at += idx[i] * this.stride[i];
      out.set(src.subarray(at * es, at * es + es), n * es);
      for (let i = idx.length - 1; i >= 0 && ++idx[i] === this.dims[i]; i--) idx[i] = 0;
    }
    return out;
  }
}

/** An open torch checkpoint: its unpickled root object (tensors as TorchTensor) and the archive. */
export class TorchCheckpoint {
  readonly root: unknown;
  private readonly zip: ZipReader;
  private readonly prefix: string;

  constructor(readonly path: string) {
    this.zip = new ZipReader(path);
    try {
      const pkl = [...this.zip.entries.keys()].find((n) => n === 'data.pkl' || n.endsWith('/data.pkl'));
      if (!pkl)
        throw new AppError('invalid-input', `${path}: not a torch checkpoint (no data.pkl in the archive)`);
      this.prefix = pkl.slice(0, pkl.length - 'data.pkl'.length);
      this.root = unpickle(this.zip.read(pkl), this.hooks(), `${path}: data.pkl`);
    } catch (e) {
      this.zip.close();
      throw e;
    }
  }

  /** Reads `length` bytes of a storage at a byte offset. */
  readStorage(s: TorchStorage, byteOffset: number, length: number): Uint8Array {
    const name = `${this.prefix}data/${s.key}`;
    const have = this.zip.entry(name).size;
    if (have < s.numel * storedBytes[s.dtype])
      throw new AppError(
        'invalid-input',
        `${this.path}: storage ${s.key} has ${have} bytes, expected ${s.numel * storedBytes[s.dtype]}`,
      );
    return this.zip.read(name, byteOffset, length);
  }

  /** Closes the archive. */
  close(): void {
    this.zip.close();
  }

  private hooks(): Parameters<typeof unpickle>[1] {
    const rebuild = (storage: unknown, offset: unknown, size: unknown, stride: unknown): TorchTensor =>
      new TorchTensor(
        this,
        storage as TorchStorage,
        offset as number,
        [...(size as number[])],
        [...(stride as number[])],
      );
    return {
      findGlobal: (mod, name) => {
        if (mod === 'collections' && name === 'OrderedDict') return () => new Map();
        if (mod === 'torch._utils' && (name === '_rebuild_tensor_v2' || name === '_rebuild_tensor'))
          return rebuild as never;
        if (mod === 'torch._utils' && name === '_rebuild_parameter') return (data: unknown) => data;
        if (mod === 'torch' && name in STORAGE_TYPES) return () => STORAGE_TYPES[name];
        return undefined;
      },
      persistentLoad: (pid) => this.storageFromPid(pid),
    };
  }

  private storageFromPid(pid: unknown): TorchStorage {
    const t = pid as unknown[];
    if (!Array.isArray(t) || t[0] !== 'storage')
      throw new AppError('invalid-input', `${this.path}: unexpected persistent id`);
    const type = t[1];
    const dtype = typeof type === 'function' ? (type as () => StoredDType)() : undefined;
    if (!dtype) throw new AppError('invalid-input', `${this.path}: unsupported storage type in checkpoint`);
    return { key: String(t[2]), dtype, numel: t[4] as number };
  }
}

/** Flattens the tensors of a (nested) state dict into named entries. */
export function tensorsOf(dict: unknown, label: string): TorchTensor[] {
  if (!(dict instanceof Map)) throw new AppError('invalid-input', `${label} is not a dict`);
  const out: TorchTensor[] = [];
  for (const [k, v] of dict) {
    if (v instanceof TorchTensor) {
      v.name = String(k);
      out.push(v);
    }
  }
  return out;
}
