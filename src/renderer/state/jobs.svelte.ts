// Every job main reports (running and past), kept current from the `job` event, and lookups the timeline
// needs: the live job of a window.
import type { ApiClient } from '../../shared/api';
import type { JobInfo } from '../../shared/domain';
import type { Notices } from './notices.svelte';

const LIVE = new Set<JobInfo['status']>(['queued', 'running']);

/** True while a job may still make progress. */
export const isLive = (job: JobInfo): boolean => LIVE.has(job.status);

/** The job target string main uses for one window of a project. */
export const windowTarget = (projectId: string, index: number): string =>
  `project:${projectId}/window:${index}`;

const RANK: Record<JobInfo['status'], number> = {
  running: 0,
  queued: 1,
  failed: 2,
  interrupted: 2,
  cancelled: 3,
  done: 3,
};

function byListOrder(a: JobInfo, b: JobInfo): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0) ||
    a.label.localeCompare(b.label, undefined, { numeric: true })
  );
}

/** Jobs by id, in `list` order for the jobs drawer. */
export class JobsStore {
  /** Replaced per batch of events, never mutated in place (raw: no proxies). */
  byId = $state.raw<Record<string, JobInfo>>({});
  /** Running first, then queued, then finished; newest first within each; by label for jobs created together. */
  readonly list = $derived(Object.values(this.byId).sort(byListOrder));
  readonly running = $derived(this.list.filter(isLive));

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a buffer of events, never rendered
  #pending = new Map<string, JobInfo>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Loads the list and follows job events; returns the unsubscribe. */
  start(onFinished: (job: JobInfo) => void): () => void {
    const off = this.api.on('job', (job) => {
      this.#pending.set(job.id, job);
      // Progress can arrive hundreds of times a second: apply it in batches, at most ten times a second.
      this.#timer ??= setTimeout(() => this.#flush(onFinished), 100);
    });
    void this.reload();
    return () => {
      off();
      if (this.#timer) clearTimeout(this.#timer);
    };
  }

  #flush(onFinished: (job: JobInfo) => void): void {
    this.#timer = null;
    const finished: JobInfo[] = [];
    const next = { ...this.byId };
    for (const job of this.#pending.values()) {
      const prev = next[job.id];
      next[job.id] = job;
      if ((!prev || isLive(prev)) && !isLive(job)) finished.push(job);
    }
    this.#pending.clear();
    this.byId = next;
    finished.forEach(onFinished);
  }

  /** Refetches all jobs. */
  async reload(): Promise<void> {
    try {
      const jobs = await this.api.call('jobs.list', undefined);
      const next: Record<string, JobInfo> = {};
      for (const j of jobs) next[j.id] = j;
      this.byId = next;
    } catch (err) {
      this.notices.error(err, 'Could not list jobs');
    }
  }

  /** The queued or running job of a window, if any. */
  forWindow(projectId: string, index: number): JobInfo | null {
    const target = windowTarget(projectId, index);
    return this.running.find((j) => j.target === target) ?? null;
  }

  /** Cancels a job. */
  async cancel(jobId: string): Promise<void> {
    try {
      await this.api.call('jobs.cancel', { jobId });
    } catch (err) {
      this.notices.error(err, 'Could not cancel');
    }
  }

  /** Retries a failed, cancelled or interrupted job. */
  async retry(jobId: string): Promise<void> {
    try {
      await this.api.call('jobs.retry', { jobId });
    } catch (err) {
      this.notices.error(err, 'Could not retry');
    }
  }
}
