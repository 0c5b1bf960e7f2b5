// Turns the selected takes of a plan into mixdown clips: a run of windows joined by continuous seams becomes
// one clip, the single decode of its joined code stream; a window alone is its take's own audio. Only the
// seams between runs remain, and those crossfade.
import type { SampleRange } from '../time';
import type { MixdownClip } from './mixdown';
import type { SeamState } from './continuity';
import { continuousRuns, joinRunCodes } from './continuity';

/** How the clips are made: each window's codes and audio, and the codec that decodes a joined stream. */
export interface RunSources {
  codebooks: number;
  hop: number;
  codesOf: (window: number) => Int32Array;
  pcmOf: (window: number) => Float32Array;
  /** PCM of codes [K, frames] of the run [first, last], cut to `samples`. */
  decode: (codes: Int32Array, samples: number, run: WindowRun) => Promise<Float32Array>;
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
  src: Pick<RunSources, 'codebooks' | 'hop' | 'codesOf'>,
): Int32Array {
  const parts = [];
  const splits: number[] = [];
  for (let i = run.first; i <= run.last; i++) {
    parts.push({ start: windows[i]!.start, end: windows[i]!.end, codes: src.codesOf(i) });
    if (i < run.last) splits.push((states[i] as { splitSample: number }).splitSample);
  }
  return joinRunCodes(parts, splits, src.codebooks, src.hop);
}

/** Clips (one per run) and the indices of the seams that still crossfade (one between each two clips). */
export interface RunClips {
  clips: MixdownClip[];
  crossfades: number[];
  runs: WindowRun[];
}

/** Builds the clips of windows[] whose seams have the given states. */
export async function runClips(
  windows: readonly SampleRange[],
  states: readonly SeamState[],
  src: RunSources,
): Promise<RunClips> {
  const runs = continuousRuns(states);
  const clips: MixdownClip[] = [];
  for (const run of runs) {
    const start = windows[run.first]!.start;
    if (run.first === run.last) {
      clips.push({ startSample: start, pcm: src.pcmOf(run.first) });
      continue;
    }
    const codes = runCodes(windows, states, run, src);
    clips.push({ startSample: start, pcm: await src.decode(codes, windows[run.last]!.end - start, run) });
  }
  const crossfades = runs.slice(1).map((r) => r.first - 1);
  return { clips, crossfades, runs };
}
