// Native file dialogs, which only Electron can show; the studio answers dialog.* with them.
import { BrowserWindow, dialog } from 'electron';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { StudioOptions } from '../src/main/service';

const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi'];

const parent = (): BrowserWindow | undefined =>
  BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

/** The studio's dialogs, parented to the focused window. */
export function nativeDialogs(): NonNullable<StudioOptions['dialogs']> {
  return {
    async openVideo() {
      const options: OpenDialogOptions = {
        title: 'Open video',
        properties: ['openFile'],
        filters: [{ name: 'Video', extensions: VIDEO_EXTENSIONS }],
      };
      const win = parent();
      const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
      return r.canceled || !r.filePaths[0] ? null : { path: r.filePaths[0] };
    },
    async openPath(kind, title) {
      const options: OpenDialogOptions = {
        title,
        properties: [kind === 'file' ? 'openFile' : 'openDirectory'],
      };
      const win = parent();
      const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
      return r.canceled || !r.filePaths[0] ? null : { path: r.filePaths[0] };
    },
    async saveFile(defaultPath) {
      const options: SaveDialogOptions = { defaultPath };
      const win = parent();
      const r = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      return r.canceled || !r.filePath ? null : { path: r.filePath };
    },
  };
}
