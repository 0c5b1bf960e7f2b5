// SVG paths of a crossfade's two gain curves, sampled from the shared fade math so the drawing is the curve
// the mixdown applies (100×100 box, gain 1 at the top).
import { fadeInGain, fadeOutGain } from '../../shared/timeline/seam-curve';
import type { SeamCurve } from '../../shared/timeline/seam-curve';

/** Polyline path of the fade-in or fade-out gain of a curve, in a 100×100 viewBox with a 10-unit margin. */
export function curvePath(curve: SeamCurve, which: 'in' | 'out', points = 24): string {
  const gain = which === 'in' ? fadeInGain : fadeOutGain;
  const parts: string[] = [];
  for (let i = 0; i <= points; i++) {
    const t = i / points;
    parts.push(`${i === 0 ? 'M' : 'L'}${(t * 100).toFixed(2)},${(90 - 80 * gain(curve, t)).toFixed(2)}`);
  }
  return parts.join(' ');
}
