// Continuous seams: when the right window's selected take was prompted with the left window's selected take
// (its codes over their overlap), the two share one code stream and are decoded as one, like the official
// long-video loop: left codes up to the end of the prompt, right codes after it, no crossfade, no level change.
import type { SampleRange } from '../time';

/** What a take continued: the take whose codes prompted it and the columns [fromFrame, fromFrame + frames). */
export interface ContinuedFrom {
  takeId: string;
  fromFrame: number;
  frames: number;
}

/** The selected take of one window, as the continuity rule sees it (null: no take selected). */
export interface RunTake {
  takeId: string;
  continued: ContinuedFrom | null;
  /** False when the take's codes cannot be read (missing file): its seams crossfade. */
  codesAvailable: boolean;
}

/** Why a seam crossfades instead of playing as one code stream. */
export type CrossfadeReason =
  'no-prompt' | 'left-changed' | 'prompt-misplaced' | 'codes-missing' | 'no-take' | 'no-decoder';

/** A seam's state: continuous (split at `splitSample`, the end of the prompt) or crossfaded, with why. */
export type SeamState =
  { kind: 'continuous'; splitSample: number } | { kind: 'crossfade'; reason: CrossfadeReason };

/** Readable explanation of a crossfade reason (the seam inspector shows it). */
export const CROSSFADE_REASONS: Record<CrossfadeReason, string> = {
  'no-prompt': 'the right take was generated without a prompt',
  'left-changed': 'the left take changed since the right take continued it',
  'prompt-misplaced': 'the right take was prompted from another part of the left take',
  'codes-missing': "a take's codes file is missing (its audio still plays)",
  'no-take': 'a window has no selected take',
  'no-decoder': 'no codec is available to decode the joined codes',
};

/** One line on how a seam plays and, when it crossfades, why (timeline marker and seam inspector). */
export function describeSeam(s: SeamState): string {
  return s.kind === 'continuous'
    ? 'Continuous: the right take continued the left one, so both play as one decode, without a crossfade.'
    : `Crossfaded: ${CROSSFADE_REASONS[s.reason]}.`;
}

/** State of the seam between windows[i] and windows[i + 1] (whole-hop starts, at `hop` samples per frame). */
export function seamState(
  left: SampleRange,
  right: SampleRange,
  l: RunTake | null,
  r: RunTake | null,
  hop: number,
): SeamState {
  if (!l || !r) return { kind: 'crossfade', reason: 'no-take' };
  if (!l.codesAvailable || !r.codesAvailable) return { kind: 'crossfade', reason: 'codes-missing' };
  const c = r.continued;
  if (!c || c.frames <= 0) return { kind: 'crossfade', reason: 'no-prompt' };
  if (c.takeId !== l.takeId) return { kind: 'crossfade', reason: 'left-changed' };
  const splitSample = right.start + c.frames * hop;
  if (c.fromFrame * hop !== right.start - left.start || splitSample > left.end)
    return { kind: 'crossfade', reason: 'prompt-misplaced' };
  return { kind: 'continuous', splitSample };
}

/** Runs of windows joined by continuous seams: [first, last] window indices, in order, covering every window. */
export function continuousRuns(states: readonly SeamState[]): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [{ first: 0, last: 0 }];
  states.forEach((s, i) => {
    if (s.kind === 'continuous') runs[runs.length - 1]!.last = i + 1;
    else runs.push({ first: i + 1, last: i + 1 });
  });
  return runs;
}

/** One window's codes in a run: [K, frames] row-major, the window starting at `start` (whole hops). */
export interface RunPart {
  start: number;
  end: number;
  codes: Int32Array;
}

/**
 * The joined code stream of a run: window k contributes its columns from the split before it (or its start)
 * up to the split after it (or its end). Returns codes [K, ceil((end − start) / hop)] of the run's range.
 */
export function joinRunCodes(
  parts: readonly RunPart[],
  splits: readonly number[],
  K: number,
  hop: number,
): Int32Array {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const total = Math.ceil((last.end - first.start) / hop);
  const out = new Int32Array(K * total);
  parts.forEach((p, k) => {
    const frames = p.codes.length / K;
    const from = (k === 0 ? p.start : splits[k - 1]!) - p.start;
    const to = k === parts.length - 1 ? frames * hop : splits[k]! - p.start;
    const a = from / hop;
    const b = Math.min(frames, Math.ceil(to / hop));
    const at = (p.start - first.start) / hop + a;
    for (let q = 0; q < K; q++) out.set(p.codes.subarray(q * frames + a, q * frames + b), q * total + at);
  });
  return out;
}
