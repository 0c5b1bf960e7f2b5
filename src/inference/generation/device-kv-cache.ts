// The self-attention cache in device memory (WebGPU): the step graph's new K/V stay on the device and a small
// append graph concatenates them to the cache there, so between steps only tokens go up and logits come down.
// It starts with one masked slot of zeros (uploaded once per window) so no tensor is ever empty.
import { kvAppendNames as a } from '../graphs/kv-append';
import { decoderNames as n } from '../graphs/decoder-names';
import { releaseTensor, tensor, type OrtSession, type OrtTensor } from '../runtime/session';
import type { KvCacheShape } from './kv-cache';
import type { KvCacheTensors, StepCache } from './step-cache';

/** A self-attention cache grown on the device by the append session after every step. */
export class DeviceKvCache implements StepCache {
  private current: KvCacheTensors;
  /** Filled slots (the masked initial slot not counted). */
  length = 0;

  constructor(
    readonly shape: KvCacheShape,
    private readonly maxLength: number,
    private readonly session: OrtSession,
    dtype: 'float32' | 'float16',
  ) {
    const { layers, rows, heads, headDim: d } = shape;
    const zeros = (): Float32Array | Uint16Array =>
      dtype === 'float16' ? new Uint16Array(rows * heads * d) : new Float32Array(rows * heads * d);
    this.current = {
      k: Array.from({ length: layers }, () => tensor(dtype, zeros(), [rows, heads, d, 1])),
      v: Array.from({ length: layers }, () => tensor(dtype, zeros(), [rows, heads, 1, d])),
      mask: tensor('float32', new Float32Array([-Infinity]), [1, 1, 1, 1]),
    };
  }

  /** Checks the window's maximum; device tensors grow by concatenation, so there is nothing to allocate. */
  reserve(extra: number): void {
    if (this.length + extra > this.maxLength)
      throw new RangeError(`KV cache: ${this.length + extra} slots exceed the maximum ${this.maxLength}`);
  }

  /** The cache as the next step reads it. */
  tensors(): KvCacheTensors {
    return this.current;
  }

  /** Concatenates the step's new K/V (device tensors) to the cache on the device; frees what it replaces. */
  async append(out: Record<string, OrtTensor>, count: number): Promise<void> {
    const feeds: Record<string, OrtTensor> = { [a.pastMask]: this.current.mask };
    for (let l = 0; l < this.shape.layers; l++) {
      feeds[a.pastK(l)] = this.current.k[l]!;
      feeds[a.pastV(l)] = this.current.v[l]!;
      feeds[a.newK(l)] = out[n.newK(l)]!;
      feeds[a.newV(l)] = out[n.newV(l)]!;
    }
    const res = await this.session.run(feeds);
    for (const t of Object.values(feeds)) releaseTensor(t);
    const layers = Array.from({ length: this.shape.layers }, (_, l) => l);
    this.current = {
      k: layers.map((l) => res[a.presentK(l)]!),
      v: layers.map((l) => res[a.presentV(l)]!),
      mask: res[a.presentMask]!,
    };
    this.length += count;
  }

  /** Frees the cache's device tensors. */
  release(): void {
    for (const t of [...this.current.k, ...this.current.v, this.current.mask]) releaseTensor(t);
  }
}
