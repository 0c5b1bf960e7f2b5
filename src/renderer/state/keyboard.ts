// Runs the shortcut table's actions against the app state.
import type { ShortcutAction } from '../lib/shortcuts';
import { isTypingTarget, shortcutFor } from '../lib/shortcuts';
import type { AppState } from './app.svelte';

/** Performs one shortcut action. */
export function runShortcut(app: AppState, action: ShortcutAction): void {
  const t = app.transport;
  const sr = t.sampleRate;
  const windows = app.project.state?.windows ?? [];
  const table: Partial<Record<ShortcutAction, () => void>> = {
    'toggle-play': () => t.toggle(),
    'shuttle-back': () => t.shuttle(-1),
    'shuttle-stop': () => t.pause(),
    'shuttle-forward': () => t.shuttle(1),
    'frame-back': () => t.step(-1),
    'frame-forward': () => t.step(1),
    'second-back': () => t.seek(t.position - sr),
    'second-forward': () => t.seek(t.position + sr),
    'go-start': () => t.seek(0),
    'go-end': () => t.seek(t.total),
    undo: () => void app.project.undo(),
    redo: () => void app.project.redo(),
    regenerate: () => void app.regenerate(),
    'toggle-ab': () => app.flipAB(),
    'toggle-loop': () => t.toggleLoop(app.selection.segment ?? app.selectedWindow),
    'zoom-in': () => app.view.zoom(1 / 1.5),
    'zoom-out': () => app.view.zoom(1.5),
    'zoom-fit': () => app.view.fit(),
    'scroll-back': () => app.view.scrollBy(-app.view.width * 0.9),
    'scroll-forward': () => app.view.scrollBy(app.view.width * 0.9),
    'prev-window': () => app.selection.selectWindow(Math.max(0, (app.selection.windowIndex ?? 1) - 1)),
    'next-window': () =>
      app.selection.selectWindow(Math.min(windows.length - 1, (app.selection.windowIndex ?? -1) + 1)),
    help: () => app.panels.toggle('help'),
    open: () => app.runCommand('open'),
    'close-project': () => app.runCommand('close-project'),
    escape: () => {
      if (!app.panels.close()) app.selection.clear();
    },
  };
  const pick = /^pick-take-(\d)$/.exec(action);
  if (pick) app.pickTake(Number(pick[1]));
  else table[action]?.();
}

/** Installs the global key handler; returns its removal. */
export function installShortcuts(app: AppState, target: Window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isTypingTarget(e.target)) return;
    const action = shortcutFor(e);
    if (!action) return;
    if (app.panels.modal && action !== 'escape' && action !== 'help') return;
    if (!app.project.state && action !== 'help' && action !== 'escape' && action !== 'open') return;
    e.preventDefault();
    runShortcut(app, action);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
