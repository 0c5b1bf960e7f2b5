// Teacher-forced guided logits of a known delayed sequence: the step graph run over many steps per call. With a
// split, the steps after it are a second call that reads the first call's K/V from the self-attention cache, as
// generation reads them, so a variant's cache storage is part of what its logits show.
import { decoderNames as n } from '../graphs/decoder-names';
import type { CrossKv, DecoderModel } from './decoder-model';
import { StepFeeds } from './step-feeds';

/** What to run: the delayed sequence [B, K, steps] and how many of its first steps. */
export interface ForcedSequence {
  seq: Int32Array;
  steps: number;
  /** Steps to run from the start (≤ steps). */
  count: number;
  /** Steps of the first call; the rest read them from the cache. 0 or count: one call. */
  split?: number;
}

/** Guided logits [B, K, count, card] of the sequence over the CFG batch of `rows` (2B). */
export async function teacherForcedLogits(
  dec: DecoderModel,
  cross: CrossKv,
  s: ForcedSequence,
  rows: number,
  cfgCoef: number,
): Promise<Float32Array> {
  const lm = dec.lm;
  const cache = dec.newCache(rows, s.count);
  try {
    const feeds = new StepFeeds(rows, lm.nQ, cross, cfgCoef);
    const split = s.split && s.split < s.count ? s.split : s.count;
    cache.reserve(split);
    const first = await dec.run(feeds.build(s.seq, s.steps, 0, split, cache));
    if (split === s.count) {
      dec.releaseOutputs(first);
      return first[n.logits].data as Float32Array;
    }
    await cache.append(first, split);
    cache.reserve(s.count - split);
    const second = await dec.run(feeds.build(s.seq, s.steps, split, s.count - split, cache));
    dec.releaseOutputs(second);
    return joinSteps(
      first[n.logits].data as Float32Array,
      second[n.logits].data as Float32Array,
      split,
      s.count - split,
      lm.card,
    );
  } finally {
    cache.release();
  }
}
/** Joins logits [R, a, card] and [R, b, card] along the steps axis into [R, a + b, card]. */
function joinSteps(x: Float32Array, y: Float32Array, a: number, b: number, card: number): Float32Array {
  const rows = x.length / (a * card);
  const out = new Float32Array(rows * (a + b) * card);
  for (let r = 0; r < rows; r++) {
    out.set(x.subarray(r * a * card, (r + 1) * a * card), r * (a + b) * card);
    out.set(y.subarray(r * b * card, (r + 1) * b * card), (r * (a + b) + a) * card);
  }
  return out;
}
