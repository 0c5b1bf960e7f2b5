// One call as it arrives on the IPC channel: only the app's own pages may call, the envelope is checked,
// then the same dispatcher as the HTTP bridge validates and runs it. Electron's handler is this function.
import type { ApiHandlers } from '../../shared/api';
import type { CallResult } from '../../shared/transport';
import { isAppUrl } from './app-request';
import { dispatchCall } from './dispatch';

/** Answers one `{ method, input }` request sent from the page at `senderUrl` (null when the frame is gone). */
export function dispatchIpcCall(
  handlers: ApiHandlers,
  senderUrl: string | null,
  request: unknown,
): Promise<CallResult> {
  if (senderUrl === null || !isAppUrl(senderUrl))
    return Promise.resolve({
      ok: false,
      error: { code: 'invalid-input', message: 'Calls are accepted from the app only' },
    });
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return Promise.resolve({
      ok: false,
      error: { code: 'invalid-input', message: 'An API call is an object { method, input }' },
    });
  const { method, input } = request as { method?: unknown; input?: unknown };
  return dispatchCall(handlers, method, input);
}
