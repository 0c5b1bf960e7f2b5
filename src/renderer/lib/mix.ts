// Places the selected takes on the timeline and crossfades each seam with the shared fade curves, so live
// playback matches the export's mixdown sample for sample (before loudness normalisation).
import { fadeInGain, fadeOutGain, fadePosition } from '../../shared/timeline/seam-curve';
import type { SeamCurve } from '../../shared/timeline/seam-curve';

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
export function mixPlacements(
  total: number,
  placements: readonly Placement[],
  seams: readonly SeamFade[],
): Float32Array<ArrayBuffer> {
  const out = new Float32Array(total);
  placements.forEach((pl, i) => {
    if (pl.samples)
      addPlacement(
        out,
        pl.start,
        Math.min(pl.end, pl.start + pl.samples.length),
        pl.samples,
        seams[i - 1],
        seams[i],
      );
  });
  return out;
}

// Same gains as windowGain, computed per span instead of per sample: silent before the fade-in, faded
// inside each fade, unity between.
function addPlacement(
  out: Float32Array,
  start: number,
  end: number,
  data: Float32Array,
  before?: SeamFade,
  after?: SeamFade,
): void {
  const fin = before ? fadeRange(before) : null;
  const fout = after ? fadeRange(after) : null;
  const from = Math.max(0, fin ? fin.from : start, start);
  const to = Math.min(out.length, fout ? fout.to : end, end);
  const inCurve = before?.curve ?? 'linear';
  const outCurve = after?.curve ?? 'linear';
  for (let p = from; p < to; p++) {
    let g = 1;
    if (fin && p < fin.to) g = fadeInGain(inCurve, fadePosition(p - fin.from, fin.to - fin.from));
    else if (fout && p >= fout.from)
      g = fadeOutGain(outCurve, fadePosition(p - fout.from, fout.to - fout.from));
    out[p] += g * data[p - start];
  }
}
