// The one IPC channel of the API: 'api:call' with { method, input }, validated against the shared
// contract before a handler runs (dispatchIpcCall, tested without Electron), and events pushed to every
// window on 'api:event'.
import { BrowserWindow, ipcMain } from 'electron';
import type { ApiHandlers } from '../src/shared/api';
import type { CallResult, EventMessage } from '../src/shared/transport';
import { API_CALL_CHANNEL, API_EVENT_CHANNEL } from '../src/shared/transport';
import { dispatchIpcCall } from '../src/main/bridge/ipc-call';
import type { ApiEventSource } from '../src/main/bridge/types';
import { forwardEvents } from '../src/main/bridge/types';
import { isAppUrl } from '../src/main/bridge/app-request';

/** Serves the API over IPC; returns the function that unbinds it. */
export function bindIpc(handlers: ApiHandlers, events: ApiEventSource): () => void {
  ipcMain.handle(API_CALL_CHANNEL, (event, request: unknown): Promise<CallResult> =>
    dispatchIpcCall(handlers, event.senderFrame?.url ?? null, request),
  );
  const off = forwardEvents(events, (name, payload) => {
    const message: EventMessage = { event: name, payload };
    for (const win of BrowserWindow.getAllWindows())
      if (!win.isDestroyed() && isAppUrl(win.webContents.getURL()))
        win.webContents.send(API_EVENT_CHANNEL, message);
  });
  return () => {
    off();
    ipcMain.removeHandler(API_CALL_CHANNEL);
  };
}
