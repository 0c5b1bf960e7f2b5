// What a jobs row and the top bar's overall progress show: the provider a job ran on, its start time and
// elapsed time, and one progress with ETA over a batch of jobs.
import type { JobInfo } from '../../shared/domain';
import { progressFraction } from '../../shared/progress';

const LIVE = new Set<JobInfo['status']>(['queued', 'running']);

/** The execution provider and decoder precision a generation reported, e.g. "webgpu · q8"; null if none. */
export function providerOf(job: JobInfo): string | null {
  return /\b(?:cpu|webgpu|cuda|dml|coreml) · [\w-]+/.exec(job.progress?.detail ?? '')?.[0] ?? null;
}

/** "14:05:09" local wall-clock time of a millisecond timestamp. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "0:07" / "12:34" / "1:02:03" elapsed time. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** One progress over several jobs: how many finished, the fraction of all the work, seconds left (or null). */
export interface BatchProgress {
  finished: number;
  total: number;
  fraction: number;
  etaSeconds: number | null;
}

/**
 * The progress of a batch of jobs started at `startedAt` (ms), at `now`: finished jobs count whole, live ones
 * by their own progress; the time left is the elapsed time scaled by the work left (jobs of a batch share the
 * engine one after another). Null once every job has finished.
 */
export function batchProgress(jobs: JobInfo[], startedAt: number, now: number): BatchProgress | null {
  if (jobs.length === 0 || jobs.every((j) => !LIVE.has(j.status))) return null;
  const parts = jobs.map((j) => (LIVE.has(j.status) ? (j.progress ? progressFraction(j.progress) : 0) : 1));
  const fraction = parts.reduce((a, b) => a + b, 0) / jobs.length;
  const elapsed = (now - startedAt) / 1000;
  return {
    finished: jobs.filter((j) => !LIVE.has(j.status)).length,
    total: jobs.length,
    fraction,
    etaSeconds: fraction > 0.01 && elapsed > 0 ? (elapsed * (1 - fraction)) / fraction : null,
  };
}
