// The self-attention KV cache in caller-owned buffers: keys stored transposed [N, H, d, cap] and values
// [N, H, cap, d] per layer, fed to every step without copies. Only the new step's K/V are written (a few KiB
// per layer); capacity doubles when full, so total copying over a window is linear, never per step.
import { tensor, type OrtTensor } from '../runtime/session';

/** Geometry of one cache. */
export interface KvCacheShape {
  layers: number;
  /** Rows of the CFG batch (2B). */
  rows: number;
  heads: number;
  headDim: number;
}

/** Smallest capacity allocated: short prompts and windows never regrow more than a few times. */
const MIN_CAPACITY = 64;

/** A growable per-layer KV cache with an additive validity mask. */
export class KvCache {
  private keys: Float32Array[] = [];
  private values: Float32Array[] = [];
  private mask = new Float32Array(0);
  private feeds: { k: OrtTensor[]; v: OrtTensor[]; mask: OrtTensor } | null = null;
  /** Filled slots. */
  length = 0;
  capacity = 0;

  constructor(
    readonly shape: KvCacheShape,
    private readonly maxLength: number,
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

  /** Tensors to feed: per-layer keys, values and the mask [1, 1, 1, cap]; stable until the next growth. */
  tensors(): { k: OrtTensor[]; v: OrtTensor[]; mask: OrtTensor } {
    if (!this.feeds) {
      const { rows, heads, headDim } = this.shape;
      const cap = this.capacity;
      this.feeds = {
        k: this.keys.map((b) => tensor('float32', b, [rows, heads, headDim, cap])),
        v: this.values.map((b) => tensor('float32', b, [rows, heads, cap, headDim])),
        mask: tensor('float32', this.mask, [1, 1, 1, cap]),
      };
    }
    return this.feeds;
  }

  /** Writes `count` new positions of layer l from K, V laid out [N, H, count, d], at slots [length, length + count). */
  write(layer: number, newK: Float32Array, newV: Float32Array, count: number): void {
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

  /** Marks `count` written slots as filled (after every layer was written). */
  advance(count: number): void {
    this.mask.fill(0, this.length, this.length + count);
    this.length += count;
  }

  private grow(cap: number): void {
    const { layers, rows, heads, headDim: d } = this.shape;
    const old = this.capacity;
    const nh = rows * heads;
    this.keys = Array.from({ length: layers }, (_, l) => {
      const next = new Float32Array(nh * d * cap);
      const prev = this.keys[l];
      if (prev)
        for (let r = 0; r < nh * d; r++) next.set(prev.subarray(r * old, r * old + this.length), r * cap);
      return next;
    });
    this.values = Array.from({ length: layers }, (_, l) => {
      const next = new Float32Array(nh * cap * d);
      const prev = this.values[l];
      if (prev)
        for (let r = 0; r < nh; r++)
          next.set(prev.subarray(r * old * d, (r * old + this.length) * d), r * cap * d);
      return next;
    });
    const mask = new Float32Array(cap).fill(-Infinity);
    mask.fill(0, 0, this.length);
    this.mask = mask;
    this.capacity = cap;
    this.feeds = null;
  }
}
