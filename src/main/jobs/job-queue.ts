// The job system: every long operation runs as `(input, { signal, onProgress })`, is recorded in the
// database, can be cancelled, is superseded by a newer request for the same target, and is aborted on
// quit. GPU-heavy jobs (generation) run one at a time; light ones (export) run alongside them.
import { randomUUID } from 'node:crypto';
import type { JobInfo, JobKind } from '../../shared/domain';
import { AppError, serializeError, type SerializedError } from '../../shared/errors';
import type { Progress, ProgressSink } from '../../shared/progress';
import { mapSqliteError, type Db } from '../store/database';
import { getJob, insertJob, jobInfo, listJobs, updateJob } from '../store/jobs-repo';

/** How a kind of job runs; `run` returns a result reference (a take id, a file) or null. */
export interface JobRunner<I = unknown> {
  heavy: boolean;
  run: (
    input: I,
    opts: { signal: AbortSignal; onProgress: ProgressSink; jobId: string },
  ) => Promise<string | null>;
}

/**
 * A job map: the input of each kind of job a queue runs, e.g. `{ export: ExportJobInput }`. The queue's register and
 * submit are typed by it, so a kind's runner and every submitter agree on its input.
 */
export type JobMap = { [K in JobKind]?: unknown };

/** Where and why a job is submitted. */
export interface JobRequest {
  target: string;
  projectId: string | null;
  label: string;
}

interface Active {
  id: string;
  target: string;
  heavy: boolean;
  controller: AbortController;
  /** Why it was aborted: the status it ends with. */
  abortAs: { status: 'cancelled' | 'interrupted'; error: SerializedError } | null;
  start: () => void;
  done: Promise<void>;
}

/** Why a job was aborted (read through a call, since it changes while the job awaits). */
const abortedAs = (a: Active): Active['abortAs'] => a.abortAs;

/** Queue and runner of jobs of the kinds in `M`, persisted in the jobs table. */
export class JobQueue<M extends JobMap> {
  private readonly runners = new Map<JobKind, JobRunner>();
  private readonly active = new Map<string, Active>();
  private readonly heavyQueue: Active[] = [];
  private heavyRunning: Active | null = null;
  private disposed = false;

  constructor(
    private readonly db: Db,
    private readonly onChange: (job: JobInfo) => void,
  ) {}

  /** Declares how jobs of a kind run. */
  register<K extends keyof M & JobKind>(kind: K, runner: JobRunner<M[K]>): void {
    this.runners.set(kind, runner as JobRunner);
  }

  /** Records and schedules a job; an unfinished job with the same target is cancelled (superseded). */
  submit<K extends keyof M & JobKind>(kind: K, input: M[K], req: JobRequest): JobInfo {
    return this.enqueue(kind, input, req);
  }

  /** submit, for an input already checked to be of its kind (a stored one, on retry). */
  private enqueue(kind: JobKind, input: unknown, req: JobRequest): JobInfo {
    if (this.disposed) throw new AppError('cancelled', 'The app is quitting; no new jobs start.');
    const runner = this.runners.get(kind);
    if (!runner) throw new AppError('invalid-input', `No runner for jobs of kind "${kind}".`);
    for (const a of this.active.values())
      if (a.target === req.target)
        this.abort(a, 'cancelled', {
          code: 'cancelled',
          message: 'Superseded by a newer request for the same target.',
        });
    let row;
    try {
      row = insertJob(this.db, {
        id: randomUUID(),
        kind,
        target: req.target,
        project_id: req.projectId,
        label: req.label,
        input_json: JSON.stringify(input),
      });
    } catch (e) {
      throw mapSqliteError(e, `start "${req.label}"`);
    }
    this.onChange(jobInfo(row));
    this.schedule(row.id, req.target, runner, input);
    return jobInfo(row);
  }

  private schedule(id: string, target: string, runner: JobRunner, input: unknown): void {
    const controller = new AbortController();
    let release!: () => void;
    const a: Active = {
      id,
      target,
      heavy: runner.heavy,
      controller,
      abortAs: null,
      start: () => undefined,
      done: new Promise<void>((r) => (release = r)),
    };
    a.start = () =>
      void this.runJob(a, runner, input).finally(() => {
        this.active.delete(id);
        if (this.heavyRunning === a) this.heavyRunning = null;
        release();
        this.pump();
      });
    this.active.set(id, a);
    if (runner.heavy) {
      this.heavyQueue.push(a);
      this.pump();
    } else a.start();
  }

  private pump(): void {
    while (!this.heavyRunning && this.heavyQueue.length > 0) {
      const next = this.heavyQueue.shift()!;
      if (next.abortAs) continue;
      this.heavyRunning = next;
      next.start();
    }
  }

  private async runJob(a: Active, runner: JobRunner, input: unknown): Promise<void> {
    if (a.abortAs) return this.finish(a.id, { status: a.abortAs.status, error: a.abortAs.error });
    this.finish(a.id, { status: 'running' });
    let lastStage = '';
    const onProgress = (p: Progress): void => {
      // Progress goes to the UI every time but to disk only per stage: it must stay cheap in hot loops.
      const persist = p.stage !== lastStage;
      lastStage = p.stage;
      if (persist) this.finish(a.id, { status: 'running', progress: p });
      else this.onChange({ ...jobInfo(getJob(this.db, a.id)!), progress: p });
    };
    try {
      const result = await runner.run(input, { signal: a.controller.signal, onProgress, jobId: a.id });
      // Work that completed (and committed) is reported as done even if a cancel arrived at the last moment.
      this.finish(a.id, { status: 'done', result });
    } catch (e) {
      this.finish(a.id, abortedAs(a) ?? { status: 'failed', error: serializeError(e) });
    }
  }

  private finish(id: string, u: Parameters<typeof updateJob>[2]): void {
    let info: JobInfo;
    try {
      info = jobInfo(updateJob(this.db, id, u));
    } catch {
      // A full disk can refuse even this small write: the UI still learns the outcome, and the row, left
      // queued or running, reads as interrupted after a restart.
      const row = jobInfo(getJob(this.db, id)!);
      info = {
        ...row,
        status: u.status,
        progress: u.progress ?? row.progress,
        error: u.error ?? row.error,
        result: u.result ?? row.result,
      };
    }
    this.onChange(info);
  }

  private abort(a: Active, status: 'cancelled' | 'interrupted', error: SerializedError): void {
    if (a.abortAs) return;
    a.abortAs = { status, error };
    a.controller.abort(new AppError('cancelled', error.message));
    if (a.heavy && this.heavyQueue.includes(a)) {
      this.heavyQueue.splice(this.heavyQueue.indexOf(a), 1);
      a.start();
    }
  }

  /** Cancels a queued or running job; a finished job is left as it is. */
  cancel(id: string): void {
    const a = this.active.get(id);
    if (a) this.abort(a, 'cancelled', { code: 'cancelled', message: 'Cancelled' });
    else if (!getJob(this.db, id)) throw new AppError('not-found', `Job ${id} does not exist.`);
  }

  /** Starts a finished (failed, cancelled or interrupted) job again from its stored input. */
  retry(id: string): JobInfo {
    const row = getJob(this.db, id);
    if (!row) throw new AppError('not-found', `Job ${id} does not exist.`);
    if (row.status === 'queued' || row.status === 'running' || row.status === 'done')
      throw new AppError(
        'invalid-input',
        `Job ${id} is ${row.status}; only failed, cancelled or interrupted jobs can be retried.`,
      );
    return this.enqueue(row.kind, JSON.parse(row.input_json), {
      target: row.target,
      projectId: row.project_id,
      label: row.label,
    });
  }

  /** Jobs, newest first. */
  list(): JobInfo[] {
    return listJobs(this.db).map(jobInfo);
  }

  /** Resolves when the job has ended (or at once when it is not running here); returns its final row. */
  async wait(id: string): Promise<JobInfo> {
    await this.active.get(id)?.done;
    const row = getJob(this.db, id);
    if (!row) throw new AppError('not-found', `Job ${id} does not exist.`);
    return jobInfo(row);
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /** Aborts every job (quit): they end as interrupted, so the next start offers to retry them. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const error: SerializedError = {
      code: 'cancelled',
      message: 'Interrupted: the app quit while this job was running.',
    };
    for (const a of this.active.values()) this.abort(a, 'interrupted', error);
    await this.idle();
  }
}
