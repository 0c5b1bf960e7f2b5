// How far a decoder variant's logits are from fp32's on the same teacher-forced positions.

/** One variant against fp32. */
export interface LogitsAgreement {
  /** RMS of the logits error over RMS of the fp32 logits. */
  relRmsLogitsError: number;
  /** Fraction of (codebook, position) rows whose argmax equals fp32's. */
  argmaxAgreement: number;
}

/** Relative RMS error and argmax agreement of `other` against `ref`, both rows of `card` logits. */
export function logitsAgreement(ref: Float32Array, other: Float32Array, card: number): LogitsAgreement {
  if (ref.length !== other.length || ref.length % card !== 0)
    throw new RangeError(
      `logits of ${ref.length} and ${other.length} values do not pair into rows of ${card}`,
    );
  let se = 0;
  let sr = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = other[i]! - ref[i]!;
    se += e * e;
    sr += ref[i]! * ref[i]!;
  }
  const rows = ref.length / card;
  let agree = 0;
  for (let r = 0; r < rows; r++)
    if (argmaxAt(other, r * card, card) === argmaxAt(ref, r * card, card)) agree++;
  return { relRmsLogitsError: sr > 0 ? Math.sqrt(se / sr) : Math.sqrt(se), argmaxAgreement: agree / rows };
}

function argmaxAt(a: Float32Array, from: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (a[from + i]! > a[from + best]!) best = i;
  return best;
}
