// The editor window: sandboxed, isolated renderer with no Node, loading the app scheme only.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from '../src/main/bridge/app-request';

/** Opens the editor window with `preload` as its only bridge to main. */
export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'VidMuse Studio',
    backgroundColor: '#16181d',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
