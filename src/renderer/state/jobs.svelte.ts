// Every job main reports (running and past), kept current from the `job` event, and lookups the timeline
// needs: the live job of a window.
import type { ApiClient } from '../../shared/api';
import type { JobInfo } from '../../shared/domain';
import type { BatchProgress } from '../lib/job-rows';
import { batchProgress } from '../lib/job-rows';
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
  /** When each job was first seen running (ms); a job already running when listed: its creation time. */
  startedAt = $state.raw<Record<string, number>>({});
  /** Project names by id, for the rows (the open project's and the recent projects'). */
  names = $state.raw<Record<string, string>>({});
  /** Finished jobs the user cleared from the list. */
  cleared = $state.raw<Record<string, true>>({});
  /** The jobs of the last "Generate all" and when it started, for the one overall progress. */
  batch = $state.raw<{ ids: string[]; startedAt: number } | null>(null);
  /** Running first, then queued, then finished; newest first within each; by label for jobs created together. */
  readonly list = $derived(
    Object.values(this.byId)
      .filter((j) => !this.cleared[j.id])
      .sort(byListOrder),
  );
  readonly running = $derived(this.list.filter(isLive));
  readonly hasFinished = $derived(this.list.some((j) => !isLive(j)));
  readonly hasCleared = $derived(Object.keys(this.cleared).length > 0);

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records a project's name for the rows. */
  nameProject(projectId: string, name: string): void {
    if (this.names[projectId] !== name) this.names = { ...this.names, [projectId]: name };
  }

  /** Hides every finished job from the list (running and queued ones stay). */
  clearFinished(): void {
    const next = { ...this.cleared };
    for (const j of this.list) if (!isLive(j)) next[j.id] = true;
    this.cleared = next;
  }

  /** Follows these jobs as one batch in the top bar. */
  trackBatch(ids: string[]): void {
    this.batch = ids.length ? { ids, startedAt: this.clock() } : null;
  }

  /** The batch's overall progress at `now`; null when there is none or it has finished. */
  batchProgress(now: number): BatchProgress | null {
    const b = this.batch;
    if (!b) return null;
    return batchProgress(
      b.ids.map((id) => this.byId[id]).filter((j): j is JobInfo => j !== undefined),
      b.startedAt,
      now,
    );
  }

  /** Milliseconds a job has run: until it finished, or until `now` while running; null before it starts. */
  elapsed(job: JobInfo, now: number): number | null {
    const start = this.startedAt[job.id];
    if (start === undefined) return null;
    const end = isLive(job) ? now : job.finishedAt ? Date.parse(job.finishedAt) : now;
    return Math.max(0, end - start);
  }

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
    const started = { ...this.startedAt };
    for (const job of this.#pending.values()) {
      const prev = next[job.id];
      next[job.id] = job;
      if (job.status !== 'queued') started[job.id] ??= this.clock();
      if ((!prev || isLive(prev)) && !isLive(job)) finished.push(job);
    }
    this.#pending.clear();
    this.byId = next;
    this.startedAt = started;
    finished.forEach(onFinished);
  }

  /** Refetches all jobs. */
  async reload(): Promise<void> {
    try {
      const jobs = await this.api.call('jobs.list', undefined);
      const next: Record<string, JobInfo> = {};
      const started = { ...this.startedAt };
      for (const j of jobs) {
        next[j.id] = j;
        if (j.status !== 'queued') started[j.id] ??= Date.parse(j.createdAt);
      }
      this.byId = next;
      this.startedAt = started;
      const recent = await this.api.call('project.recent', undefined);
      this.names = { ...Object.fromEntries(recent.map((p) => [p.id, p.name])), ...this.names };
    } catch (err) {
      this.notices.error(err, 'Could not list jobs');
    }
  }

  /** The queued or running job of a window, if any: its own generate job, or a continue job working on it. */
  forWindow(projectId: string, index: number): JobInfo | null {
    const target = windowTarget(projectId, index);
    const mine = (j: JobInfo): boolean =>
      j.target === target ||
      (j.kind === 'continue' && j.projectId === projectId && j.progress?.window === index);
    return this.running.find(mine) ?? null;
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
