// Follows studio jobs from the command line: their progress events drive the bar, Ctrl-C cancels them
// through 'jobs.cancel' (the job cleans up after itself), and the final rows come back for the summary.
import type { Studio } from '../main/service';
import type { JobInfo } from '../shared/domain';
import { AppError, deserializeError } from '../shared/errors';
import type { ProgressBar } from './progress-bar';

/** Starts jobs with `start` (returns their ids) and resolves with their final rows, in the same order. */
export async function followJobs(
  studio: Studio,
  start: () => Promise<string[]>,
  signal: AbortSignal,
  bar: ProgressBar,
  detail: (job: JobInfo, index: number) => string | undefined = () => undefined,
): Promise<JobInfo[]> {
  const ids: string[] = [];
  const off = studio.on('job', (job) => {
    const i = ids.indexOf(job.id);
    if (i >= 0 && job.status === 'running' && job.progress)
      bar.update({ ...job.progress, detail: detail(job, i) ?? job.progress.detail });
  });
  const cancel = (): void => {
    for (const jobId of ids) void Promise.resolve(studio['jobs.cancel']({ jobId })).catch(() => undefined);
  };
  try {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
    ids.push(...(await start()));
    signal.addEventListener('abort', cancel, { once: true });
    if (signal.aborted) cancel();
    return await Promise.all(ids.map((id) => studio.context.jobs.wait(id)));
  } finally {
    signal.removeEventListener('abort', cancel);
    off();
    bar.done();
  }
}

/** Throws the error of the first job that did not finish (a cancel as plain "Cancelled"). */
export function throwIfFailed(jobs: JobInfo[], what: (job: JobInfo, index: number) => string): void {
  const i = jobs.findIndex((j) => j.status !== 'done');
  if (i < 0) return;
  const job = jobs[i]!;
  if (job.status === 'cancelled' || job.status === 'interrupted' || job.error?.code === 'cancelled')
    throw new AppError('cancelled', 'Cancelled');
  const e = job.error ? deserializeError(job.error) : new AppError('internal', `ended as ${job.status}`);
  throw new AppError(e.code, `${what(job, i)}: ${e.message}`);
}
