// One API call from an untrusted transport: the method name and payload are validated against the
// contract before any handler runs, and every failure becomes a wire error (never a thrown value).
import type { ApiHandlers } from '../../shared/api';
import { isApiMethod, parseInput } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';
import { serializeError } from '../../shared/errors';
import { SchemaError } from '../../shared/schema';
import type { CallResult } from '../../shared/transport';

/** Validates `method` and `input`, runs the handler and returns its result or error as a value. */
export async function dispatchCall(
  handlers: ApiHandlers,
  method: unknown,
  input: unknown,
): Promise<CallResult> {
  if (!isApiMethod(method)) {
    const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
    return { ok: false, error: { code: 'not-found', message: `Unknown API method: ${name}` } };
  }
  try {
    const parsed = parseInput(method, input);
    const handler = handlers[method] as (i: unknown) => unknown;
    const result = await handler(parsed);
    return { ok: true, result: result ?? null };
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  }
}

/** A thrown value as a wire error; schema failures are the caller's bad input. */
export function toWireError(e: unknown): SerializedError {
  if (e instanceof SchemaError) return { code: 'invalid-input', message: e.message };
  return serializeError(e);
}

/** HTTP status that matches an error code. */
export function statusForError(error: SerializedError): number {
  switch (error.code) {
    case 'invalid-input':
      return 400;
    case 'not-found':
      return 404;
    case 'busy':
    case 'locked':
    case 'exists':
    case 'cancelled':
    case 'media-changed':
      return 409;
    case 'internal':
    case 'inference-crashed':
    case 'out-of-memory':
    case 'corrupt-database':
      return 500;
    case 'disk-full':
      return 507;
    default:
      return 422;
  }
}
