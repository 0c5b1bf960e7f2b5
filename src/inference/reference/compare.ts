// Comparisons of our outputs with reference tensors, producing CheckResults.
import type { CheckResult } from './check';

type Numeric = ArrayLike<number> | BigInt64Array;

/** Max |a − b|; a NaN on one side only counts as Infinity, NaN on both sides as equal. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (!(Number.isNaN(x) && Number.isNaN(y))) return Infinity;
      continue;
    }
    const d = Math.abs(x - y);
    if (d > m) m = d;
  }
  return m;
}

/** A tolerance check of float tensors (shapes compared as well). */
export function closeCheck(
  name: string,
  ours: ArrayLike<number>,
  ref: ArrayLike<number>,
  tolerance: number,
  shapes?: { ours: readonly number[]; ref: readonly number[] },
): CheckResult {
  if (shapes && shapes.ours.join(',') !== shapes.ref.join(','))
    return {
      name,
      maxAbsError: null,
      tolerance,
      exact: false,
      pass: false,
      detail: `shape [${shapes.ours}] vs reference [${shapes.ref}]`,
    };
  const err = maxAbsDiff(ours, ref);
  return { name, maxAbsError: err, tolerance, exact: false, pass: err <= tolerance };
}

/** An exact equality check of integer tensors (codes, tokens). */
export function exactCheck(name: string, ours: Numeric, ref: Numeric): CheckResult {
  const n = Math.max(ours.length, ref.length);
  let mismatches = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (i >= ours.length || i >= ref.length || BigInt(ours[i]) !== BigInt(ref[i])) {
      mismatches++;
      if (first < 0) first = i;
    }
  }
  const pass = mismatches === 0;
  const detail = pass ? undefined : `${mismatches} of ${n} differ, first at flat index ${first}`;
  return {
    name,
    maxAbsError: pass ? 0 : null,
    tolerance: 0,
    exact: true,
    pass,
    ...(detail ? { detail } : {}),
  };
}
