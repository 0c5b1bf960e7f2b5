// The delay interleaving pattern: codebook q of original frame t sits at sequence step t + 1 + delay[q];
// step 0 and every slot outside [0, T) hold the special token.

/** A delay pattern over T original frames. */
export class DelayPattern {
  /** Sequence steps including the leading all-special step: T + max(delay) + 1. */
  readonly steps: number;

  constructor(
    readonly frames: number,
    readonly delays: readonly number[],
  ) {
    if (!Number.isInteger(frames) || frames < 0)
      throw new RangeError(`frames must be a non-negative integer, got ${frames}`);
    this.steps = frames + Math.max(0, ...delays) + 1;
  }

  /** Original frame held at step s by codebook q (may be outside [0, T)). */
  frameAt(step: number, q: number): number {
    return step - 1 - this.delays[q];
  }

  /** True when step s of codebook q holds a real code. */
  isValid(step: number, q: number): boolean {
    const t = this.frameAt(step, q);
    return t >= 0 && t < this.frames;
  }

  /** The first step that holds frame t of some codebook (where generation starts after a t-frame prompt). */
  firstStepWithFrame(t: number): number {
    return t + 1 + Math.min(...this.delays);
  }

  /** Frames fully known once steps [0, step] are filled. */
  framesCompleteAt(step: number): number {
    return Math.max(0, Math.min(this.frames, step - Math.max(...this.delays)));
  }

  /** Builds the sequence [B, K, steps] from codes [B, K, T] (values < 0 mean unknown), special where invalid. */
  apply(codes: Int32Array, batch: number, special: number): Int32Array {
    const K = this.delays.length;
    const seq = new Int32Array(batch * K * this.steps);
    for (let b = 0; b < batch; b++)
      for (let q = 0; q < K; q++)
        for (let s = 0; s < this.steps; s++)
          seq[(b * K + q) * this.steps + s] = this.isValid(s, q)
            ? codes[(b * K + q) * this.frames + this.frameAt(s, q)]
            : special;
    return seq;
  }

  /** Reverts a sequence [B, K, steps] to codes [B, K, T] in original alignment. */
  revert(seq: Int32Array, batch: number): Int32Array {
    const K = this.delays.length;
    const codes = new Int32Array(batch * K * this.frames);
    for (let b = 0; b < batch; b++)
      for (let q = 0; q < K; q++)
        for (let t = 0; t < this.frames; t++)
          codes[(b * K + q) * this.frames + t] = seq[(b * K + q) * this.steps + t + 1 + this.delays[q]];
    return codes;
  }
}
