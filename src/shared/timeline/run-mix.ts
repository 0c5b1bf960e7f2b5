// The plan of the project's music from its run clips: one clip per run of windows joined by continuous seams,
// and the seams between runs crossfading with their curve and length centred in the overlap. Export and
// playback build their mixdown plan with this one function, so they render the same samples.
import type { SampleRange } from '../time';
import type { MixdownClip, MixdownPlan, MixdownSeam } from './mixdown';
import type { SeamCurve } from './seam-curve';

/** A seam's crossfade as the project stores it: the overlap [start, end) and the fade's length and curve. */
export interface SeamFade extends SampleRange {
  lengthSamples: number;
  curve: SeamCurve;
}

/** The crossfade region [from, to) of a seam: `lengthSamples` (at most the overlap) centred in the overlap. */
export function fadeRange(seam: SeamFade): { from: number; to: number } {
  const overlap = seam.end - seam.start;
  const len = Math.max(0, Math.min(seam.lengthSamples, overlap));
  const from = seam.start + Math.floor((overlap - len) / 2);
  return { from, to: from + len };
}

/** The mixdown seam of a stored seam. */
export function mixdownSeam(seam: SeamFade): MixdownSeam {
  const { from, to } = fadeRange(seam);
  return { startSample: from, endSample: to, curve: seam.curve };
}

/** What the run mix needs: the clips (one per run) and the seams that crossfade between them. */
export interface RunMix {
  sampleRate: number;
  totalSamples: number;
  clips: MixdownClip[];
  /** Every seam of the plan, by index. */
  seams: readonly SeamFade[];
  /** Indices of the seams between runs (crossfades[k] joins clips[k] and clips[k + 1]). */
  crossfades: readonly number[];
}

/** The mixdown plan of the run clips, before loudness and without edge fades. */
export function runMixPlan(m: RunMix): MixdownPlan {
  return {
    sampleRate: m.sampleRate,
    totalSamples: m.totalSamples,
    clips: m.clips,
    seams: m.crossfades.map((k) => mixdownSeam(m.seams[k]!)),
    fadeInSamples: 0,
    fadeOutSamples: 0,
  };
}
