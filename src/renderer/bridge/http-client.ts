// The API over the loopback bridge: POST /api/<method> and one WebSocket for events. The page was
// loaded from the URL with the secret, which the bridge traded for a cookie that these requests send.
import type { ApiClient } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';
import type { CallResult, EventMessage } from '../../shared/transport';
import { SECRET_HEADER } from '../../shared/transport';
import { createListeners } from './listeners';
import { unwrapResult } from './unwrap';

const RECONNECT_MS = 1000;

/**
 * An ApiClient talking to the bridge at `origin` (the page's own origin). In the page the cookie carries
 * the secret; other callers (scripts, tests) pass it and it travels in a header.
 */
export function createHttpClient(origin: string, secret?: string): ApiClient {
  const listeners = createListeners();
  let socket: WebSocket | null = null;
  const connect = () => {
    if (socket || listeners.size === 0) return;
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + '/events');
    socket = ws;
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as EventMessage;
      listeners.emit(msg.event, msg.payload);
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, RECONNECT_MS);
    };
  };
  return {
    call: async (method, input) => unwrapResult(await post(origin, method, input, secret)),
    on(event, listener) {
      const off = listeners.add(event, (payload) => listener(payload as never));
      connect();
      return () => {
        off();
        if (listeners.size === 0) socket?.close();
      };
    },
  };
}

/** What the bridge answers: `{ result }` or `{ error }`. */
interface WireBody {
  result?: unknown;
  error?: Partial<SerializedError>;
}

async function post(origin: string, method: string, input: unknown, secret?: string): Promise<CallResult> {
  const res = await fetch(`${origin}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(secret ? { [SECRET_HEADER]: secret } : {}) },
    body: input === undefined ? '' : JSON.stringify(input),
    // Closing is sent as the page goes away; keepalive lets it outlive the page.
    keepalive: method === 'project.close',
  });
  const body = (await res.json().catch(() => null)) as WireBody | null;
  if (res.ok && body) return { ok: true, result: body.result };
  const code = body?.error?.code ?? 'internal';
  const message = body?.error?.message ?? `Bridge answered ${res.status}`;
  const details = typeof body?.error?.details === 'string' ? body.error.details : undefined;
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
