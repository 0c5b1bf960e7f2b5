// Runs of windows joined by continuous seams: each run is one clip of the mixdown, the single decode of its
// joined code stream (a window alone is its take's own audio); only the seams between runs crossfade.
import type { SampleRange } from '../time';
import type { SeamState } from './continuity';
import { joinRunCodes } from './continuity';

/** What joining a run's codes needs: codebooks per frame, the codec hop and each window's codes [K, frames]. */
export interface RunSources {
  codebooks: number;
  hop: number;
  codesOf: (window: number) => Int32Array;
}

/** A run of windows joined by continuous seams: [first, last] window indices. */
export interface WindowRun {
  first: number;
  last: number;
}

/** The joined code stream of one run (left codes up to each split, right codes after it). */
export function runCodes(
  windows: readonly SampleRange[],
  states: readonly SeamState[],
  run: WindowRun,
  src: RunSources,
): Int32Array {
  const parts = [];
  const splits: number[] = [];
  for (let i = run.first; i <= run.last; i++) {
    parts.push({ start: windows[i]!.start, end: windows[i]!.end, codes: src.codesOf(i) });
    if (i < run.last) splits.push((states[i] as { splitSample: number }).splitSample);
  }
  return joinRunCodes(parts, splits, src.codebooks, src.hop);
}

/** The seams that still crossfade: the one before each run but the first (index of its left window). */
export function runCrossfades(runs: readonly WindowRun[]): number[] {
  return runs.slice(1).map((r) => r.first - 1);
}
