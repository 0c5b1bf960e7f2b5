// The renderer's one way to reach main: Electron's preload when present, else the loopback bridge.
import type { ApiClient } from '../../shared/api';
import { createHttpClient } from './http-client';
import { createPreloadClient } from './preload-client';

/** The ApiClient for the environment the page runs in. */
export function createApiClient(): ApiClient {
  return window.vidmuse ? createPreloadClient(window.vidmuse) : createHttpClient(window.location.origin);
}
