// Crossfade curves shared by the mixdown (main) and live playback (renderer): the same math on both sides.

/** Shape of a crossfade over a seam. */
export type SeamCurve = 'equal-power' | 'linear' | 's-curve';

/** All curves, for pickers and validation. */
export const SEAM_CURVES: readonly SeamCurve[] = ['equal-power', 'linear', 's-curve'];

/**
 * Gains [fadeOut, fadeIn] at position x ∈ [0, 1] through a seam. Equal-power keeps the summed power of
 * uncorrelated signals constant (cos/sin); linear keeps the sum of correlated signals constant; the S-curve
 * is a smoothstep, gentle at both ends.
 */
export function seamGains(curve: SeamCurve, x: number): [number, number] {
  const t = Math.min(1, Math.max(0, x));
  switch (curve) {
    case 'equal-power':
      return [Math.cos((t * Math.PI) / 2), Math.sin((t * Math.PI) / 2)];
    case 'linear':
      return [1 - t, t];
    case 's-curve': {
      const s = t * t * (3 - 2 * t);
      return [1 - s, s];
    }
  }
}
