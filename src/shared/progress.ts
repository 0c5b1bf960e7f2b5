// Job progress as a typed union, shared by every long operation (probe, frames, features, generation,
// mixdown, export, conversion), the UI and the command line.

/** The stage a job is in; `done`/`total` count the stage's own units (frames, steps, bytes, ...). */
export type JobStage =
  | 'queued'
  | 'probe'
  | 'frames'
  | 'features'
  | 'lstv'
  | 'decode'
  | 'codec'
  | 'mixdown'
  | 'encode'
  | 'mux'
  | 'convert'
  | 'verify'
  | 'gate'
  | 'write'
  | 'scenes';

/** One progress report: stage, units done of total, and an estimate of the seconds left (null if unknown). */
export interface Progress {
  stage: JobStage;
  done: number;
  total: number;
  etaSeconds: number | null;
  /** Optional detail for the UI, e.g. "window 2 of 4". */
  detail?: string;
  /** The window (0-based index) a job over several windows is working on, so the timeline can show it there. */
  window?: number;
}

/** Callback that receives progress; must be cheap, it is called from hot loops. */
export type ProgressSink = (p: Progress) => void;

/** The part of AbortSignal that jobs use (shared code has neither DOM nor Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options every long job takes: an abort signal and a progress sink. */
export interface JobOptions {
  signal?: AbortSignalLike;
  onProgress?: ProgressSink;
}

/** Fraction 0..1 of a progress report (0 when total is 0). */
export const progressFraction = (p: Progress): number => (p.total > 0 ? Math.min(1, p.done / p.total) : 0);

/** Estimates seconds left from elapsed time and units done, null before the first unit. */
export function estimateEta(startedMs: number, nowMs: number, done: number, total: number): number | null {
  if (done <= 0 || total <= 0) return null;
  const perUnit = (nowMs - startedMs) / 1000 / done;
  return Math.max(0, perUnit * (total - done));
}
