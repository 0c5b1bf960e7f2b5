// The client side of the host protocol, used by main and the CLI: starts the host on demand, runs typed
// jobs with cancel and progress, and turns a host that crashes or runs out of memory into a job error
// while the caller keeps running; the next job starts a fresh host.
import { AppError, deserializeError } from '../../shared/errors';
import type { JobOptions, ProgressSink } from '../../shared/progress';
import type { MessagePortLike } from './message-port';
import type { HostEvent, HostRequest, JobsOf } from './protocol';
import { isHostEvent } from './protocol';

interface Pending {
  port: MessagePortLike;
  resolve: (v: unknown) => void;
  reject: (e: AppError) => void;
  onProgress?: ProgressSink;
}

/** Runs jobs in an inference host reached through transports made by `start`. */
export class InferenceClient<J extends JobsOf<J>> {
  private port: MessagePortLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastError: Error | null = null;
  private disposed = false;

  constructor(private readonly start: () => MessagePortLike) {}

  /** Runs one job; rejects with the job's AppError, 'cancelled' on abort, or 'inference-crashed' / 'out-of-memory'. */
  run<K extends keyof J & string>(
    kind: K,
    input: J[K]['input'],
    opts: JobOptions = {},
  ): Promise<J[K]['output']> {
    if (this.disposed) return Promise.reject(new AppError('internal', 'The inference host was shut down'));
    if (opts.signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled'));
    const port = this.ensurePort();
    const id = this.nextId++;
    return new Promise<J[K]['output']>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.post(port, { type: 'cancel', id });
        reject(new AppError('cancelled', 'Cancelled'));
      };
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T): void => {
          opts.signal?.removeEventListener('abort', onAbort);
          f(v);
        };
      this.pending.set(id, {
        port,
        resolve: settle(resolve),
        reject: settle(reject),
        onProgress: opts.onProgress,
      });
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.post(port, { type: 'run', id, kind, input });
    });
  }

  /** Number of jobs waiting for an answer. */
  get busy(): number {
    return this.pending.size;
  }

  /**
   * Stops the host: pending jobs fail as cancelled at once; the host is asked to finish its current step,
   * release its sessions and exit, and is stopped by force after `graceMs`. Resolves once it is gone.
   */
  dispose(graceMs = 10_000): Promise<void> {
    this.disposed = true;
    const port = this.port;
    this.port = null;
    this.failAll(new AppError('cancelled', 'The inference host was shut down'));
    if (!port) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => port.stop(), graceMs);
      port.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post(port, { type: 'shutdown' });
    });
  }

  private ensurePort(): MessagePortLike {
    if (this.port) return this.port;
    const port = this.start();
    this.port = port;
    this.lastError = null;
    port.on('message', (m) => isHostEvent(m) && this.onEvent(port, m));
    port.on('error', (e) => (this.lastError = e));
    port.on('exit', (code) => this.onExit(port, code));
    return port;
  }

  private onEvent(port: MessagePortLike, e: HostEvent): void {
    if (e.type === 'ready') return;
    const p = this.pending.get(e.id);
    if (!p) return;
    if (e.type === 'progress') p.onProgress?.(e.progress);
    else {
      this.pending.delete(e.id);
      if (e.type === 'result') p.resolve(e.result);
      else p.reject(deserializeError(e.error));
      // Memory the native runtime failed to get (a GPU's above all) may stay fragmented or held: the next
      // job gets a fresh host; this one stops once its other jobs have answered.
      if (e.type === 'error' && e.error.code === 'out-of-memory' && this.port === port) this.port = null;
      if (this.port !== port && ![...this.pending.values()].some((x) => x.port === port))
        this.post(port, { type: 'shutdown' });
    }
  }

  private onExit(port: MessagePortLike, code: number): void {
    if (this.port !== port) {
      this.failAll(new AppError('inference-crashed', `The inference host stopped (exit code ${code})`), port);
      return;
    }
    this.port = null;
    const err = this.lastError as (Error & { code?: string }) | null;
    if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY')
      this.failAll(
        new AppError(
          'out-of-memory',
          'The inference host ran out of memory; try a shorter window or fewer threads',
        ),
      );
    else {
      const why = err ? `: ${err.message}` : ` (exit code ${code})`;
      this.failAll(new AppError('inference-crashed', `The inference host stopped unexpectedly${why}`));
    }
  }

  private failAll(e: AppError, only?: MessagePortLike): void {
    for (const [id, p] of [...this.pending])
      if (!only || p.port === only) {
        this.pending.delete(id);
        p.reject(e);
      }
  }

  private post(port: MessagePortLike, m: HostRequest<J>): void {
    port.postMessage(m);
  }
}
