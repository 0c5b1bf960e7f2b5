// Places the selected take of every window at its integer sample position and crossfades each overlap.
// Pure and sample-exact: the same plan always renders the same samples, in playback, `score` and export.
import { AppError } from '../errors';
import { fadeInGain, fadeOutGain, fadePosition, type SeamCurve } from './seam-curve';

/** One take placed on the timeline: mono PCM starting at an integer sample. */
export interface MixdownClip {
  startSample: number;
  pcm: Float32Array;
}

/** The crossfade between clip k and clip k+1: half-open [startSample, endSample) inside their overlap. */
export interface MixdownSeam {
  startSample: number;
  endSample: number;
  curve: SeamCurve;
}

/** Everything the mixdown needs; clips in timeline order, seams[k] joins clips[k] and clips[k+1]. */
export interface MixdownPlan {
  sampleRate: number;
  totalSamples: number;
  clips: MixdownClip[];
  seams: MixdownSeam[];
  fadeInSamples: number;
  fadeOutSamples: number;
  /** Curve of the fades at the start and end of the video; default 's-curve' (smooth at both ends). */
  fadeCurve?: SeamCurve;
}

const bad = (msg: string): AppError => new AppError('invalid-input', `Mixdown: ${msg}`);
const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Checks a plan's positions: whole samples, seams inside the overlap of the two clips they join. */
export function validatePlan(plan: MixdownPlan): void {
  const { clips, seams } = plan;
  if (!isCount(plan.totalSamples)) throw bad(`total length ${plan.totalSamples} is not a whole sample count`);
  if (!(plan.sampleRate > 0)) throw bad(`sample rate ${plan.sampleRate} is not positive`);
  if (!isCount(plan.fadeInSamples) || !isCount(plan.fadeOutSamples))
    throw bad('fade lengths must be whole sample counts');
  if (seams.length !== Math.max(0, clips.length - 1))
    throw bad(`${clips.length} clips need ${Math.max(0, clips.length - 1)} seams, got ${seams.length}`);
  clips.forEach((c, k) => {
    if (!isCount(c.startSample))
      throw bad(`clip ${k} starts at ${c.startSample}, not a whole sample position`);
    if (k > 0 && c.startSample < clips[k - 1].startSample) throw bad(`clip ${k} starts before clip ${k - 1}`);
  });
  seams.forEach((s, k) => {
    const prevEnd = clips[k].startSample + clips[k].pcm.length;
    const nextStart = clips[k + 1].startSample;
    if (!isCount(s.startSample) || !isCount(s.endSample) || s.endSample < s.startSample)
      throw bad(`seam ${k} [${s.startSample}, ${s.endSample}) is not a range of whole samples`);
    if (s.startSample < nextStart || s.endSample > prevEnd)
      throw bad(
        `seam ${k} [${s.startSample}, ${s.endSample}) lies outside the overlap [${nextStart}, ${prevEnd}) of clips ${k} and ${k + 1}`,
      );
    if (k > 0 && s.startSample < seams[k - 1].endSample) throw bad(`seam ${k} overlaps seam ${k - 1}`);
  });
}

/** Renders the plan to exactly totalSamples of mono PCM: takes, crossfaded seams, fades at both ends. */
export function mixdown(plan: MixdownPlan): Float32Array {
  validatePlan(plan);
  const out = new Float32Array(plan.totalSamples);
  plan.clips.forEach((clip, k) => addClip(out, clip, plan.seams[k - 1], plan.seams[k]));
  applyEdgeFades(out, plan.fadeInSamples, plan.fadeOutSamples, plan.fadeCurve ?? 's-curve');
  return out;
}

// A clip sounds from the start of the seam before it (fading in) to the end of the seam after it (fading out);
// outside that span it is silent, so within an overlap only the seam's samples mix both takes.
function addClip(out: Float32Array, clip: MixdownClip, seamIn?: MixdownSeam, seamOut?: MixdownSeam): void {
  const clipEnd = clip.startSample + clip.pcm.length;
  const from = seamIn ? seamIn.startSample : clip.startSample;
  const to = Math.min(seamOut ? seamOut.endSample : clipEnd, out.length);
  const pcm = clip.pcm;
  const off = clip.startSample;
  for (let n = from; n < to; n++) {
    let g = 1;
    if (seamIn && n < seamIn.endSample)
      g = fadeInGain(
        seamIn.curve,
        fadePosition(n - seamIn.startSample, seamIn.endSample - seamIn.startSample),
      );
    else if (seamOut && n >= seamOut.startSample)
      g = fadeOutGain(
        seamOut.curve,
        fadePosition(n - seamOut.startSample, seamOut.endSample - seamOut.startSample),
      );
    out[n] += pcm[n - off] * g;
  }
}

/** Fades the first and last samples of a buffer in place with the given curve. */
export function applyEdgeFades(out: Float32Array, fadeIn: number, fadeOut: number, curve: SeamCurve): void {
  const nIn = Math.min(fadeIn, out.length);
  for (let i = 0; i < nIn; i++) out[i] *= fadeInGain(curve, fadePosition(i, fadeIn));
  const nOut = Math.min(fadeOut, out.length);
  const start = out.length - nOut;
  for (let i = 0; i < nOut; i++)
    out[start + i] *= fadeOutGain(curve, fadePosition(i + fadeOut - nOut, fadeOut));
}
