// The self-attention KV cache in caller-owned buffers: keys stored transposed [N, H, d, cap] and values
// [N, H, cap, d] per layer, fed to every step without copies. Only the new step's K/V are written (a few KiB
// per layer); capacity doubles when full, so total copying over a window is linear, never per step.
// With `kv8` storage (step graphs that read an int8 cache) each written (row, head, position) slice of K and V
// is stored as symmetric int8 codes with one float scale ([N, H, 1, cap] per layer): late steps of a long
// window then read a quarter of the bytes.
import { decoderNames as n, type SelfCacheStorage } from '../graphs/decoder-names';
import { tensor, type OrtTensor } from '../runtime/session';
import type { KvCacheTensors, StepCache } from './step-cache';

/** Geometry of one cache. */
export interface KvCacheShape {
  layers: number;
  /** Rows of the CFG batch (2B). */
  rows: number;
  heads: number;
  headDim: number;
}

type Codes = Float32Array | Int8Array | Uint16Array;

/** Smallest capacity allocated: short prompts and windows never regrow more than a few times. */
const MIN_CAPACITY = 64;
/** Keeps a slice of zeros from dividing by zero (its codes are then all zero). */
const TINY = 1e-30;

/** A growable per-layer KV cache in host memory with an additive validity mask. */
export class KvCache implements StepCache {
  private keys: Codes[] = [];
  private values: Codes[] = [];
  private kScales: Float32Array[] = [];
  private vScales: Float32Array[] = [];
  private mask = new Float32Array(0);
  private feeds: KvCacheTensors | null = null;
  /** Filled slots. */
  length = 0;
  capacity = 0;

  constructor(
    readonly shape: KvCacheShape,
    private readonly maxLength: number,
    readonly storage: SelfCacheStorage = 'fp32',
  ) {
    this.grow(Math.min(maxLength, MIN_CAPACITY));
  }

  /** Makes room for `extra` more slots. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need > this.maxLength)
      throw new RangeError(`KV cache: ${need} slots exceed the maximum ${this.maxLength}`);
    if (need <= this.capacity) return;
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    this.grow(Math.min(cap, this.maxLength));
  }

  /** Tensors to feed; stable until the next growth. */
  tensors(): KvCacheTensors {
    if (!this.feeds) {
      const { rows, heads, headDim } = this.shape;
      const cap = this.capacity;
      const type = this.storage === 'kv8' ? 'int8' : this.storage === 'fp16' ? 'float16' : 'float32';
      this.feeds = {
        k: this.keys.map((b) => tensor(type, b, [rows, heads, headDim, cap])),
        v: this.values.map((b) => tensor(type, b, [rows, heads, cap, headDim])),
        mask: tensor('float32', this.mask, [1, 1, 1, cap]),
      };
      if (this.storage === 'kv8') {
        this.feeds.kScale = this.kScales.map((b) => tensor('float32', b, [rows, heads, 1, cap]));
        this.feeds.vScale = this.vScales.map((b) => tensor('float32', b, [rows, heads, 1, cap]));
      }
    }
    return this.feeds;
  }

  /**
   * Writes `count` new positions of layer l from K, V laid out [N, H, count, d], at slots [length, length + count)
   * (fp16 caches take the step's float16 outputs as their bits).
   */
  write(layer: number, newK: Float32Array, newV: Float32Array, count: number): void {
    if (this.storage === 'kv8') return this.writeInt8(layer, newK, newV, count);
    const { rows, heads, headDim: d } = this.shape;
    const cap = this.capacity;
    const kT = this.keys[layer];
    const v = this.values[layer];
    for (let nh = 0; nh < rows * heads; nh++) {
      const src = nh * count * d;
      v.set(newV.subarray(src, src + count * d), (nh * cap + this.length) * d);
      const kBase = nh * d * cap + this.length;
      for (let s = 0; s < count; s++)
        for (let j = 0; j < d; j++) kT[kBase + j * cap + s] = newK[src + s * d + j];
    }
  }

  /** Stores the new K/V of every layer from a step's outputs and marks their slots filled. */
  append(out: Record<string, OrtTensor>, count: number): Promise<void> {
    for (let l = 0; l < this.shape.layers; l++)
      this.write(l, out[n.newK(l)].data as Float32Array, out[n.newV(l)].data as Float32Array, count);
    this.advance(count);
    return Promise.resolve();
  }

  /** Host buffers are left to the garbage collector. */
  release(): void {}

  /** Marks `count` written slots as filled (after every layer was written). */
  advance(count: number): void {
    this.mask.fill(0, this.length, this.length + count);
    this.length += count;
  }

  /** kv8: one scale per (row, head, position) slice of d values, codes round(x / scale) in [−127, 127]. */
  private writeInt8(layer: number, newK: Float32Array, newV: Float32Array, count: number): void {
    const { rows, heads, headDim: d } = this.shape;
    const cap = this.capacity;
    const kT = this.keys[layer];
    const v = this.values[layer];
    const ks = this.kScales[layer];
    const vs = this.vScales[layer];
    for (let nh = 0; nh < rows * heads; nh++)
      for (let s = 0; s < count; s++) {
        const src = (nh * count + s) * d;
        const slot = this.length + s;
        const kScale = sliceScale(newK, src, d);
        const vScale = sliceScale(newV, src, d);
        ks[nh * cap + slot] = kScale;
        vs[nh * cap + slot] = vScale;
        const kBase = nh * d * cap + slot;
        const vBase = (nh * cap + slot) * d;
        for (let j = 0; j < d; j++) {
          kT[kBase + j * cap] = Math.round(newK[src + j] / kScale);
          v[vBase + j] = Math.round(newV[src + j] / vScale);
        }
      }
  }

  private grow(cap: number): void {
    const { layers, rows, heads, headDim: d } = this.shape;
    const old = this.capacity;
    const nh = rows * heads;
    const alloc = (n: number): Codes =>
      this.storage === 'kv8'
        ? new Int8Array(n)
        : this.storage === 'fp16'
          ? new Uint16Array(n)
          : new Float32Array(n);
    // Keys [nh·d rows of cap] and the scales [nh rows of cap] keep each row's first `length` slots.
    const regrowRows = <T extends Codes>(prev: T | undefined, next: T, rowCount: number): T => {
      if (prev)
        for (let r = 0; r < rowCount; r++) next.set(prev.subarray(r * old, r * old + this.length), r * cap);
      return next;
    };
    this.keys = Array.from({ length: layers }, (_, l) =>
      regrowRows(this.keys[l], alloc(nh * d * cap), nh * d),
    );
    this.values = Array.from({ length: layers }, (_, l) => {
      const next = alloc(nh * cap * d);
      const prev = this.values[l];
      if (prev)
        for (let r = 0; r < nh; r++)
          next.set(prev.subarray(r * old * d, (r * old + this.length) * d), r * cap * d);
      return next;
    });
    if (this.storage === 'kv8') {
      this.kScales = Array.from({ length: layers }, (_, l) =>
        regrowRows(this.kScales[l], new Float32Array(nh * cap), nh),
      );
      this.vScales = Array.from({ length: layers }, (_, l) =>
        regrowRows(this.vScales[l], new Float32Array(nh * cap), nh),
      );
    }
    const mask = new Float32Array(cap).fill(-Infinity);
    mask.fill(0, 0, this.length);
    this.mask = mask;
    this.capacity = cap;
    this.feeds = null;
  }
}

/** The int8 scale of x[from, from + n): max |x| / 127. */
function sliceScale(x: Float32Array, from: number, n: number): number {
  let amax = 0;
  for (let j = from; j < from + n; j++) amax = Math.max(amax, Math.abs(x[j]));
  return Math.max(amax, TINY) / 127;
}
