// The sandboxed preload: exposes the shared API contract on `window.vidmuse` as two functions and
// nothing else (no ipcRenderer, no Node). Main validates every call it receives.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { CallRequest, CallResult, EventMessage, PreloadBridge } from '../src/shared/transport';
import { API_CALL_CHANNEL, API_EVENT_CHANNEL } from '../src/shared/transport';

const bridge: PreloadBridge = {
  call: (method, input) =>
    ipcRenderer.invoke(API_CALL_CHANNEL, { method, input } satisfies CallRequest) as Promise<CallResult>,
  on(event, listener) {
    const handler = (_e: IpcRendererEvent, msg: EventMessage) => {
      if (msg.event === event) listener(msg.payload);
    };
    ipcRenderer.on(API_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(API_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('vidmuse', bridge);
