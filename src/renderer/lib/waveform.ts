// Draws take waveforms from their peak envelopes (max |x| per block), one column per device pixel, scaled by
// the crossfade gains so the lane shows what the mix plays.
import type { ViewGeometry } from './timeline-math';
import { fadeRange, type SeamFade } from '../../shared/timeline/run-mix';
import { fadeInGain, fadeOutGain, fadePosition } from '../../shared/timeline/seam-curve';

/** Gain of window i's audio at sample p, given the seams before (i−1) and after (i) it. */
export function windowGain(p: number, before: SeamFade | undefined, after: SeamFade | undefined): number {
  if (before) {
    const { from, to } = fadeRange(before);
    if (p < from) return 0;
    if (p < to) return fadeInGain(before.curve, fadePosition(p - from, to - from));
  }
  if (after) {
    const { from, to } = fadeRange(after);
    if (p >= to) return 0;
    if (p >= from) return fadeOutGain(after.curve, fadePosition(p - from, to - from));
  }
  return 1;
}

/** A take's envelope placed on the timeline. */
export interface PlacedPeaks {
  start: number;
  end: number;
  peaks: readonly number[];
  peakBlock: number;
}

/** Largest peak of the envelope over samples [from, to) of the timeline (0 outside the take). */
export function peakOver(p: PlacedPeaks, from: number, to: number): number {
  const a = Math.max(0, Math.floor((Math.max(from, p.start) - p.start) / p.peakBlock));
  const b = Math.min(p.peaks.length, Math.ceil((Math.min(to, p.end) - p.start) / p.peakBlock));
  let m = 0;
  for (let i = a; i < b; i++) if (p.peaks[i] > m) m = p.peaks[i];
  return m;
}

/** Paints the placed takes into a canvas context sized `width`×`height` device pixels. */
export function drawWaveforms(
  ctx: CanvasRenderingContext2D,
  takes: readonly (PlacedPeaks | null)[],
  seams: readonly SeamFade[],
  v: ViewGeometry,
  dpr: number,
  colors: { fill: string; dim: string },
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  const mid = height / 2;
  const spp = v.samplesPerPixel / dpr;
  takes.forEach((t, i) => {
    if (!t) return;
    ctx.fillStyle = i % 2 === 0 ? colors.fill : colors.dim;
    const x0 = Math.max(0, Math.floor((t.start - v.scroll) / spp));
    const x1 = Math.min(width, Math.ceil((t.end - v.scroll) / spp));
    for (let x = x0; x < x1; x++) {
      const from = v.scroll + x * spp;
      const g = windowGain(Math.round(from + spp / 2), seams[i - 1], seams[i]);
      if (g <= 0) continue;
      const h = Math.max(1, Math.min(1, peakOver(t, from, from + spp)) * g * (mid - 3));
      ctx.fillRect(x, mid - h, 1, h * 2);
    }
  });
}
