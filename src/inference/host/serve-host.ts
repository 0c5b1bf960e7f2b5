// The host side of the protocol: runs jobs from a handler table, forwards their progress, turns every
// failure into a typed error event, and aborts a job's signal when the client cancels it.
import { AppError, serializeError } from '../../shared/errors';
import type { JobOptions, Progress } from '../../shared/progress';
import type { HostPort } from '../client/message-port';
import type { HostEvent, JobsOf, RunMessage } from '../client/protocol';
import { isHostRequest } from '../client/protocol';

/** A job implementation: input and job options in, output out. */
export type JobHandler<I, O> = (
  input: I,
  opts: Required<Pick<JobOptions, 'onProgress'>> & { signal: AbortSignal },
) => Promise<O>;

/** One handler per job kind. */
export type Handlers<J extends JobsOf<J>> = { [K in keyof J]: JobHandler<J[K]['input'], J[K]['output']> };

/** Progress reports closer together than this are dropped, except a stage's first and last. */
const PROGRESS_INTERVAL_MS = 100;

/** Options of serveHost. */
export interface ServeOptions {
  /** Releases what the handlers hold (sessions) once running jobs have stopped, before the port closes. */
  onShutdown?: () => Promise<void>;
}

/** Serves jobs on a port until the client shuts it down; shutdown aborts jobs, waits for them, then cleans up. */
export function serveHost<J extends JobsOf<J>>(
  port: HostPort,
  handlers: Handlers<J>,
  opts: ServeOptions = {},
): void {
  const running = new Map<number, AbortController>();
  const settled = new Set<Promise<void>>();
  const send = (e: HostEvent): void => port.postMessage(e);
  port.onMessage((msg) => {
    if (!isHostRequest(msg)) return;
    if (msg.type === 'shutdown') {
      running.forEach((c) => c.abort());
      // Native sessions must be released on this thread, after their last run, or teardown can abort the process.
      void Promise.allSettled(settled)
        .then(() => opts.onShutdown?.())
        .finally(() => port.close());
    } else if (msg.type === 'cancel') running.get(msg.id)?.abort();
    else {
      const job = runJob(msg as RunMessage<J>, handlers, running, send);
      settled.add(job);
      void job.finally(() => settled.delete(job));
    }
  });
  send({ type: 'ready', kinds: Object.keys(handlers) });
}

async function runJob<J extends JobsOf<J>>(
  msg: RunMessage<J>,
  handlers: Handlers<J>,
  running: Map<number, AbortController>,
  send: (e: HostEvent) => void,
): Promise<void> {
  const handler = Object.hasOwn(handlers, msg.kind) ? handlers[msg.kind] : undefined;
  if (!handler) {
    send({
      type: 'error',
      id: msg.id,
      error: { code: 'invalid-input', message: `Unknown inference job "${msg.kind}"` },
    });
    return;
  }
  const ac = new AbortController();
  running.set(msg.id, ac);
  try {
    const result = await handler(msg.input, { signal: ac.signal, onProgress: throttled(msg.id, send) });
    if (ac.signal.aborted) throw new AppError('cancelled', 'Cancelled');
    send({ type: 'result', id: msg.id, result });
  } catch (e) {
    send({ type: 'error', id: msg.id, error: serializeError(asMemoryError(e)) });
  } finally {
    running.delete(msg.id);
  }
}

function throttled(id: number, send: (e: HostEvent) => void): (p: Progress) => void {
  let last = 0;
  let stage = '';
  return (p) => {
    const now = Date.now();
    const edge = p.stage !== stage || p.done >= p.total;
    if (!edge && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    stage = p.stage;
    send({ type: 'progress', id, progress: p });
  };
}

/** Native allocation failures (onnxruntime, Buffer) surface as plain errors: give them their code. */
function asMemoryError(e: unknown): unknown {
  const msg = e instanceof Error ? e.message : '';
  const advice = 'try a shorter window, or the CPU (--ep cpu) if a GPU ran out';
  if (e instanceof RangeError && /Array buffer allocation failed|Invalid typed array length/.test(msg))
    return new AppError('out-of-memory', `Out of memory in the inference host: ${msg}; ${advice}`);
  if (/bad_alloc|Failed to allocate memory|out of memory/i.test(msg))
    return new AppError('out-of-memory', `Out of memory in the inference host: ${msg}; ${advice}`);
  return e;
}
