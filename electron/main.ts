// Electron's main process: the composition root. It wires the studio service of src/main to the
// window through the one IPC channel and the app scheme, and does no heavy work itself.
import { app, BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInferenceGenerator } from '../src/main/bridge/inference-generator';
import { createMediaRegistry } from '../src/main/bridge/media-registry';
import { killAllProcesses } from '../src/media/process';
import { createStudio } from '../src/main/service';
import type { Studio } from '../src/main/service';
import { nativeDialogs } from './dialogs';
import { bindIpc } from './ipc';
import { handleAppScheme, registerAppScheme } from './media-protocol';
import { installMenu } from './menu';
import { appPaths } from './paths';
import { installSecurityGuards } from './security';
import { startUtilityHost } from './utility-host';
import { createMainWindow } from './window';

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.whenReady().then(start, (e: unknown) => {
    console.error('VidMuse Studio failed to start:', e);
    app.exit(1);
  });
}

function start(): void {
  installSecurityGuards();
  const paths = appPaths();
  mkdirSync(paths.libraryDir, { recursive: true });
  let studio: Studio | null = null;
  const inference = createInferenceGenerator(
    () => startUtilityHost(paths.inferenceHost),
    path.join(paths.libraryDir, 'feature-cache'),
  );
  const media = createMediaRegistry({ allows: (file) => studio?.isAllowedFile(file) ?? false });
  studio = createStudio({
    libraryDir: paths.libraryDir,
    bundleDirs: [paths.bundledModels, paths.userModels],
    mediaUrl: media.urlFor,
    generator: inference.generator,
    decoder: inference.decoder,
    converter: inference.converter,
    provider: inference.provider,
    dialogs: nativeDialogs(),
    mode: 'electron',
    version: app.getVersion(),
  });
  handleAppScheme({ rendererDir: paths.rendererDir, media });
  const unbind = bindIpc(studio, studio);
  installMenu(!app.isPackaged, (command) => studio.context.emitter.emit('menu', { command }));
  const win = createMainWindow(paths.preload);
  // A reload or a closed window leaves no editor holding projects: release them for other instances and the CLI.
  win.webContents.on('did-start-loading', () => studio.closeAll());
  win.on('closed', () => studio.closeAll());
  app.on('window-all-closed', () => app.quit());
  quitAfterDisposing(async () => {
    unbind();
    await studio.dispose();
    await inference.dispose();
    // A child a job did not stop in time (ffmpeg mid-export) must not outlive the app.
    killAllProcesses();
  });
}

/** Lets jobs end as interrupted and the database close before the process exits. */
function quitAfterDisposing(dispose: () => Promise<void>): void {
  let done = false;
  app.on('before-quit', (event) => {
    if (done) return;
    event.preventDefault();
    dispose()
      .catch((e: unknown) => console.error('Shutdown failed:', e))
      .finally(() => {
        done = true;
        app.quit();
      });
  });
}
