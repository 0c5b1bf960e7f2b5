// Locks every web contents down: no navigation away from the app, no new windows, no webviews, and no
// permission (camera, notifications, ...) granted to the renderer.
import { app, session } from 'electron';
import { isAppUrl } from '../src/main/bridge/app-request';

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
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
