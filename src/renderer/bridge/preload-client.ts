// The API over Electron IPC: the preload's `window.vidmuse`, typed by the shared contract.
import type { ApiClient } from '../../shared/api';
import type { PreloadBridge } from '../../shared/transport';
import { unwrapResult } from './unwrap';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by electron/preload.ts. */
    vidmuse?: PreloadBridge;
  }
}

/** An ApiClient over the preload bridge. */
export function createPreloadClient(bridge: PreloadBridge): ApiClient {
  return {
    call: async (method, input) => unwrapResult(await bridge.call(method, input)),
    on: (event, listener) => bridge.on(event, (payload) => listener(payload as never)),
  };
}
