// Picks the next token of one codebook row: greedy argmax, or seeded sampling after the logits processors.
import { softmaxWithTemperature, topK, topP } from './logits-processors';
import type { Prng } from './prng';

/** Sampling parameters (as in the model's generation defaults). */
export interface SamplingParams {
  /** False: greedy argmax. */
  useSampling: boolean;
  temperature: number;
  /** 0 disables top-k. */
  topK: number;
  /** 0 disables top-p; when > 0 it takes precedence over top-k. */
  topP: number;
}

/** Index of the first maximum. */
export function argmax(row: ArrayLike<number>, start = 0, length = row.length - start): number {
  let best = 0;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = row[start + i];
    if (v > max) {
      max = v;
      best = i;
    }
  }
  return best;
}

/** Draws an index from probabilities with one uniform number. */
export function multinomial(probs: Float64Array, u: number): number {
  let cum = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (u < cum) return i;
  }
  return last;
}

/** A sampler with scratch space for one row; reuse it across steps (no per-step allocation). */
export class TokenSampler {
  private readonly probs: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    readonly card: number,
    readonly params: SamplingParams,
    private readonly rng: Prng,
  ) {
    this.probs = new Float64Array(card);
    this.scratch = new Float64Array(card);
  }

  /** The token for logits[start .. start + card). */
  pick(logits: Float32Array, start: number): number {
    const p = this.params;
    if (!p.useSampling || p.temperature <= 0) return argmax(logits, start, this.card);
    softmaxWithTemperature(logits.subarray(start, start + this.card), p.temperature, this.probs);
    if (p.topP > 0) topP(this.probs, p.topP);
    else if (p.topK > 0) topK(this.probs, p.topK, this.scratch);
    return multinomial(this.probs, this.rng.next());
  }
}
