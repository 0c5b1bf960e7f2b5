// POST /api/<method>: a JSON body is the method's input, the answer is `{ result }` or
// `{ error: { code, message } }` with a status that matches the error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHandlers } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';
import { dispatchCall, statusForError } from './dispatch';
import { BodyTooLargeError, readBody } from './read-body';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1 << 20;

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Writes an error response. */
export const sendError = (res: ServerResponse, status: number, error: SerializedError): void =>
  sendJson(res, status, { error });

/** Handles one API request whose method name is `method` (already URL-decoded). */
export async function handleApiRequest(
  handlers: ApiHandlers,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, 405, { code: 'invalid-input', message: 'API calls use POST' });
  }
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    return sendError(res, 415, { code: 'invalid-input', message: 'API calls send application/json' });
  let body: string;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError)
      return sendError(res, 413, { code: 'invalid-input', message: e.message });
    throw e;
  }
  let input: unknown;
  try {
    input = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    return sendError(res, 400, { code: 'invalid-input', message: 'Request body is not valid JSON' });
  }
  const outcome = await dispatchCall(handlers, method, input);
  if (outcome.ok) sendJson(res, 200, { result: outcome.result });
  else sendError(res, statusForError(outcome.error), outcome.error);
}
