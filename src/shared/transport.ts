// Wire shapes of the two transports of the API (Electron IPC through the preload, and the loopback
// bridge over HTTP/WebSocket). Both carry the same envelopes, so the renderer unwraps them in one place.
import type { SerializedError } from './errors';

/** IPC channel the preload invokes with `{ method, input }`. */
export const API_CALL_CHANNEL = 'api:call';
/** IPC channel main sends `{ event, payload }` on. */
export const API_EVENT_CHANNEL = 'api:event';
/** Path prefix of media URLs, the same under the app protocol and the bridge. */
export const MEDIA_PATH_PREFIX = '/media/';
/** Header that carries the bridge's per-run secret (scripts and tests; browsers use the cookie). */
export const SECRET_HEADER = 'x-vidmuse-secret';
/** Cookie the bridge sets from the secret in the page URL. */
export const SECRET_COOKIE = 'vidmuse_secret';
/** Query parameter of the page URL that carries the secret once. */
export const SECRET_QUERY = 'secret';

/** Request of one API call as it crosses a process boundary. */
export interface CallRequest {
  method: string;
  input: unknown;
}

/** Outcome of one API call; errors travel as values so their code survives the boundary. */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: SerializedError };

/** An event as it crosses a process boundary. */
export interface EventMessage {
  event: string;
  payload: unknown;
}

/** What the preload exposes on `window.vidmuse` (untyped wire; the renderer's client types it). */
export interface PreloadBridge {
  /** Invokes an API method; never rejects for API errors, they come back as `{ ok: false }`. */
  call(method: string, input: unknown): Promise<CallResult>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Where a dropped File lives on disk ('' when it has no path); Electron no longer puts it on the File. */
  pathForFile(file: unknown): string;
}
