// The app scheme (vidmuse://app/): the built renderer and the open project's media, answered by the
// same Node code the tests run (src/main/bridge/app-request.ts). Nothing else is reachable through it.
import { protocol } from 'electron';
import { APP_SCHEME, handleAppRequest } from '../src/main/bridge/app-request';
import type { AppRequestOptions } from '../src/main/bridge/app-request';

/** Declares the scheme privileged (standard origin, secure, fetch, streaming); call before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the scheme; call after `ready`. */
export function handleAppScheme(options: AppRequestOptions): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, options));
}
