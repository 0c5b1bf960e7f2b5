// Errors as typed values that cross process boundaries (inference host, IPC, bridge) intact.

/** Stable error codes the UI and the CLI can act on. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unreadable-media'
  | 'no-video-stream'
  | 'empty-media'
  | 'unsupported-media'
  | 'media-changed'
  | 'bad-bundle'
  | 'missing-tool'
  | 'disk-full'
  | 'not-writable'
  | 'cancelled'
  | 'busy'
  | 'locked'
  | 'exists'
  | 'corrupt-database'
  | 'inference-crashed'
  | 'out-of-memory'
  | 'internal';

/**
 * An error with a code and a short user-facing message, and optionally the raw details behind it (a tool's log)
 * that the editor shows behind a disclosure; serialisable as {code, message, details?}.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  /** Plain object form for IPC and JSON. */
  toJSON(): SerializedError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Wire form of an error. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  /** Raw details (e.g. ffmpeg's last log lines), shown on demand. */
  details?: string;
}

/** Any thrown value as a wire error; unknown errors become 'internal' with their message kept. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof AppError) return e.toJSON();
  if (e && typeof e === 'object' && 'name' in e && (e as Error).name === 'AbortError')
    return { code: 'cancelled', message: 'Cancelled' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message };
}

/** Rebuilds an AppError from its wire form. */
export const deserializeError = (s: SerializedError): AppError => new AppError(s.code, s.message, s.details);
