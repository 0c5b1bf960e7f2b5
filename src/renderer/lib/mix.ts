// Places the selected takes on the timeline and crossfades each seam with the shared fade curves, so live
// playback matches the export's mixdown sample for sample (before loudness normalisation).
import { fadeInGain, fadeOutGain, fadePosition } from '../../shared/mixdown';
import type { SeamCurve } from '../../shared/mixdown';

/** One window's audio placed at its start sample. */
export interface Placement {
  start: number;
  end: number;
  samples: Float32Array | null;
}

/** A seam's crossfade as the mixer needs it. */
export interface SeamFade {
  start: number;
  end: number;
  lengthSamples: number;
  curve: SeamCurve;
}

/** The crossfade region [from, to) of a seam: `lengthSamples` centred in the overlap. */
export function fadeRange(seam: SeamFade): { from: number; to: number } {
  const overlap = seam.end - seam.start;
  const len = Math.max(0, Math.min(seam.lengthSamples, overlap));
  const from = seam.start + Math.floor((overlap - len) / 2);
  return { from, to: from + len };
}

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

/** Mixes the placements (one per window, in order) into a buffer of `total` samples. */
export function mixPlacements(total: number, placements: readonly Placement[], seams: readonly SeamFade[]): Float32Array<ArrayBuffer> {
  const out = new Float32Array(total);
  placements.forEach((pl, i) => {
    const data = pl.samples;
    if (!data) return;
    const before = i > 0 ? seams[i - 1] : undefined;
    const after = seams[i];
    const end = Math.min(pl.end, total, pl.start + data.length);
    for (let p = Math.max(0, pl.start); p < end; p++) {
      const g = windowGain(p, before, after);
      if (g !== 0) out[p] += g * data[p - pl.start];
    }
  });
  return out;
}
