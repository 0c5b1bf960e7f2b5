// Locks every web contents down: no navigation away from the app, no new windows, no webviews, and no
// permission granted to the renderer beyond full screen and copying.
import { app, session } from 'electron';
import type { WebContents } from 'electron';
import { isAppUrl } from '../src/main/bridge/app-request';

const ALLOWED_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

/** Installs the navigation, window and permission guards; call once before the first window. */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // The editor needs a full-screen video and copying text; nothing else (camera, notifications, ...).
  const allowed = (contents: WebContents | null, permission: string) =>
    ALLOWED_PERMISSIONS.has(permission) && contents !== null && isAppUrl(contents.getURL());
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(contents, permission)),
  );
  session.defaultSession.setPermissionCheckHandler((contents, permission) => allowed(contents, permission));
}
