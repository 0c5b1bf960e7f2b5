// The sandboxed preload: exposes the shared API contract on `window.vidmuse` (call, on) and the path of a
// dropped file, nothing else (no ipcRenderer, no Node). Main validates every call it receives.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
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
  pathForFile: (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
};

contextBridge.exposeInMainWorld('vidmuse', bridge);
