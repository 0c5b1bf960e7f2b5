// The inference host's typed message protocol, shared by the client (main process, CLI) and the host
// (a worker thread here, an Electron utilityProcess in the app). Every message is structured-cloneable.
import type { SerializedError } from '../../shared/errors';
import type { Progress } from '../../shared/progress';

/** A job kind's input and output types. */
export interface JobSpec<I = unknown, O = unknown> {
  input: I;
  output: O;
}

/** A set of job kinds a host serves. */
export type JobMap = Record<string, JobSpec>;

/** Constraint for a job-map interface (no index signature needed): every member is a JobSpec. */
export type JobsOf<J> = { [K in keyof J]: JobSpec };

/** Client → host: start a job. */
export interface RunMessage<J extends JobsOf<J> = JobMap, K extends keyof J & string = keyof J & string> {
  type: 'run';
  id: number;
  kind: K;
  input: J[K]['input'];
}

/** Client → host: cancel a job (the host aborts its signal; the client has already settled it). */
export interface CancelMessage {
  type: 'cancel';
  id: number;
}

/** Client → host: finish running jobs' messages and exit. */
export interface ShutdownMessage {
  type: 'shutdown';
}

/** Everything the client sends. */
export type HostRequest<J extends JobsOf<J> = JobMap> = RunMessage<J> | CancelMessage | ShutdownMessage;

/** Host → client: the host is up and serves these kinds. */
export interface ReadyEvent {
  type: 'ready';
  kinds: string[];
}

/** Host → client: progress of a job (stage, step of total, ETA). */
export interface ProgressEvent {
  type: 'progress';
  id: number;
  progress: Progress;
}

/** Host → client: a job finished. */
export interface ResultEvent<O = unknown> {
  type: 'result';
  id: number;
  result: O;
}

/** Host → client: a job failed; the error is a typed value, never a string to parse. */
export interface ErrorEvent {
  type: 'error';
  id: number;
  error: SerializedError;
}

/** Everything the host sends. */
export type HostEvent = ReadyEvent | ProgressEvent | ResultEvent | ErrorEvent;

/** True for a value shaped like a host request (the host validates what it receives). */
export function isHostRequest(v: unknown): v is HostRequest {
  if (!v || typeof v !== 'object') return false;
  const m = v as { type?: unknown; id?: unknown; kind?: unknown };
  if (m.type === 'shutdown') return true;
  if (m.type === 'cancel') return Number.isSafeInteger(m.id);
  return m.type === 'run' && Number.isSafeInteger(m.id) && typeof m.kind === 'string';
}

/** True for a value shaped like a host event (the client validates what it receives). */
export function isHostEvent(v: unknown): v is HostEvent {
  if (!v || typeof v !== 'object') return false;
  const m = v as { type?: unknown; id?: unknown };
  if (m.type === 'ready') return true;
  return (m.type === 'progress' || m.type === 'result' || m.type === 'error') && Number.isSafeInteger(m.id);
}
