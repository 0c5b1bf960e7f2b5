// Crossfade and fade curves as pure math, shared by the mixdown in main and live playback in the renderer,
// so what the user hears while editing is what the export renders.

/** Shape of a crossfade over a seam. */
export type SeamCurve = 'equal-power' | 'linear' | 's-curve';

/** All seam curves, in the order the UI lists them. */
export const SEAM_CURVES: readonly SeamCurve[] = ['equal-power', 'linear', 's-curve'];

/**
 * Gain of the incoming signal at position t in [0, 1] of a fade.
 * equal-power: sin²+cos² = 1, so uncorrelated signals keep their power through the seam;
 * linear and s-curve: in + out = 1, so identical (correlated) signals keep their amplitude.
 */
export function fadeInGain(curve: SeamCurve, t: number): number {
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t;
  switch (curve) {
    case 'equal-power':
      return Math.sin((x * Math.PI) / 2);
    case 'linear':
      return x;
    case 's-curve':
      return 0.5 - 0.5 * Math.cos(x * Math.PI);
  }
}

/** Gain of the outgoing signal at position t in [0, 1]: the mirror image of the fade-in. */
export const fadeOutGain = (curve: SeamCurve, t: number): number => fadeInGain(curve, 1 - t);

/**
 * Fade position of sample i of a fade n samples long, at the sample's centre: (i + 0.5) / n.
 * Centred positions make a fade-out and the matching fade-in exact mirrors, and never hit 0 or 1 inside a seam.
 */
export const fadePosition = (i: number, n: number): number => (i + 0.5) / n;
