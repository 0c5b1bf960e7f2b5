// Feeds of one decoder step call, reusing buffers across calls of the same width (one column per step).
import { decoderNames as n } from '../graphs/decoder-names';
import { tensor, type OrtTensor } from '../runtime/session';
import type { CrossKv } from './decoder-model';
import type { StepCache } from './step-cache';

/** Builds the feeds of step calls for a CFG batch of `rows` (cond rows then the same tokens for null rows). */
export class StepFeeds {
  private width = -1;
  private tokens = new BigInt64Array(0);
  private positions = new BigInt64Array(0);
  private fixed: Record<string, OrtTensor> = {};

  constructor(
    private readonly rows: number,
    private readonly codebooks: number,
    cross: CrossKv,
    cfgCoef: number,
  ) {
    this.fixed[n.cfg] = tensor('float32', new Float32Array([cfgCoef]), [1]);
    cross.k.forEach((t, l) => (this.fixed[n.crossK(l)] = t));
    cross.v.forEach((t, l) => (this.fixed[n.crossV(l)] = t));
    cross.kScale?.forEach((t, l) => (this.fixed[n.crossKScale(l)] = t));
    cross.vScale?.forEach((t, l) => (this.fixed[n.crossVScale(l)] = t));
  }

  /**
   * Feeds for sequence steps [from, from + count) of `seq` [B, K, steps] (B = rows / 2), with the cache as it
   * is now.
   */
  build(
    seq: Int32Array,
    steps: number,
    from: number,
    count: number,
    cache: StepCache,
  ): Record<string, OrtTensor> {
    if (count !== this.width) this.resize(count);
    const half = this.rows / 2;
    const K = this.codebooks;
    for (let b = 0; b < half; b++)
      for (let q = 0; q < K; q++)
        for (let s = 0; s < count; s++) {
          const v = BigInt(seq[(b * K + q) * steps + from + s]);
          this.tokens[(b * K + q) * count + s] = v;
          this.tokens[((b + half) * K + q) * count + s] = v;
        }
    for (let s = 0; s < count; s++) this.positions[s] = BigInt(from + s);
    const c = cache.tensors();
    const feeds: Record<string, OrtTensor> = { ...this.fixed, [n.cacheMask]: c.mask };
    c.k.forEach((t, l) => (feeds[n.cacheK(l)] = t));
    c.v.forEach((t, l) => (feeds[n.cacheV(l)] = t));
    c.kScale?.forEach((t, l) => (feeds[n.cacheKScale(l)] = t));
    c.vScale?.forEach((t, l) => (feeds[n.cacheVScale(l)] = t));
    return feeds;
  }

  private resize(count: number): void {
    this.width = count;
    this.tokens = new BigInt64Array(this.rows * this.codebooks * count);
    this.positions = new BigInt64Array(count);
    const mask = new Float32Array(count * count);
    for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) mask[i * count + j] = -Infinity;
    this.fixed[n.tokens] = tensor('int64', this.tokens, [this.rows, this.codebooks, count]);
    this.fixed[n.positions] = tensor('int64', this.positions, [count]);
    this.fixed[n.newMask] = tensor('float32', mask, [1, 1, count, count]);
  }
}
