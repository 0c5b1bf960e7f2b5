// The editor's keyboard map as data: one table drives both the key handler and the help overlay.

/** Everything a shortcut can do. */
export type ShortcutAction =
  | 'toggle-play'
  | 'shuttle-back'
  | 'shuttle-stop'
  | 'shuttle-forward'
  | 'frame-back'
  | 'frame-forward'
  | 'second-back'
  | 'second-forward'
  | 'go-start'
  | 'go-end'
  | 'undo'
  | 'redo'
  | 'regenerate'
  | 'toggle-ab'
  | 'toggle-loop'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'scroll-back'
  | 'scroll-forward'
  | 'prev-window'
  | 'next-window'
  | 'help'
  | 'open'
  | 'close-project'
  | 'escape'
  | `pick-take-${number}`;

/** A row of the help overlay. */
export interface ShortcutHelp {
  keys: string;
  action: string;
}

/** The subset of a KeyboardEvent the mapping reads (so it is testable without a DOM). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const plain: Record<string, ShortcutAction> = {
  ' ': 'toggle-play',
  j: 'shuttle-back',
  k: 'shuttle-stop',
  l: 'shuttle-forward',
  ArrowLeft: 'frame-back',
  ArrowRight: 'frame-forward',
  Home: 'go-start',
  End: 'go-end',
  r: 'regenerate',
  b: 'toggle-ab',
  o: 'toggle-loop',
  '=': 'zoom-in',
  '+': 'zoom-in',
  '-': 'zoom-out',
  '0': 'zoom-fit',
  PageUp: 'scroll-back',
  PageDown: 'scroll-forward',
  '[': 'prev-window',
  ']': 'next-window',
  '?': 'help',
  Escape: 'escape',
};

/** Maps a key press to an action, or null when the key is not a shortcut. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (key === 'o' && !e.shiftKey) return 'open';
    if (key === 'w' && !e.shiftKey) return 'close-project';
    return null;
  }
  if (e.altKey) return null;
  if (e.shiftKey && key === 'ArrowLeft') return 'second-back';
  if (e.shiftKey && key === 'ArrowRight') return 'second-forward';
  if (/^[1-9]$/.test(key)) return `pick-take-${Number(key)}`;
  if (key === '?' || (e.shiftKey && key === '/')) return 'help';
  return plain[key] ?? null;
}

/** True when the event target is a text field, where typing must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(type);
}

/** The help overlay's rows, in reading order. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: 'Space', action: 'Play / pause' },
  { keys: 'J / K / L', action: 'Shuttle back / stop / forward (press L again for faster)' },
  { keys: '← / →', action: 'Step one frame' },
  { keys: 'Shift + ← / →', action: 'Step one second' },
  { keys: 'Home / End', action: 'Go to start / end' },
  { keys: 'O', action: 'Loop the selection on / off' },
  { keys: '[ / ]', action: 'Select previous / next window' },
  { keys: 'R', action: 'Regenerate the selected window or segment' },
  { keys: '1 – 9', action: 'Pick take 1–9 of the selected window' },
  { keys: 'B', action: 'A/B: switch the selected window between its take and the auditioned one' },
  { keys: 'Ctrl + Z', action: 'Undo' },
  { keys: 'Ctrl + Shift + Z', action: 'Redo' },
  { keys: 'Ctrl + O', action: 'Open a video or a recent project' },
  { keys: 'Ctrl + W', action: 'Close the project' },
  { keys: '+ / − / 0', action: 'Zoom in / out / fit' },
  { keys: 'Page Up / Page Down', action: 'Scroll the timeline by a screen' },
  { keys: 'Wheel / trackpad', action: 'Scroll the timeline; Ctrl + wheel zooms' },
  { keys: '?', action: 'Show this help' },
  { keys: 'Esc', action: 'Close dialogs, clear the selection' },
];
