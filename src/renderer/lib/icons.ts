// SVG path data of the editor's icons (24×24 grid, stroked), so no icon font or remote asset is needed.

/** Icon paths by name. */
export const ICONS = {
  play: ['M7 4.5v15l12-7.5z'],
  pause: ['M8 5v14', 'M16 5v14'],
  start: ['M6 5v14', 'M18 6l-9 6 9 6z'],
  end: ['M18 5v14', 'M6 6l9 6-9 6z'],
  'frame-back': ['M15 6l-6 6 6 6'],
  'frame-forward': ['M9 6l6 6-6 6'],
  loop: ['M17 2l4 4-4 4', 'M3 11V9a3 3 0 0 1 3-3h15', 'M7 22l-4-4 4-4', 'M21 13v2a3 3 0 0 1-3 3H3'],
  undo: ['M9 14L4 9l5-5', 'M4 9h11a5 5 0 0 1 0 10h-3'],
  redo: ['M15 14l5-5-5-5', 'M20 9H9a5 5 0 0 0 0 10h3'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  star: ['M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3 6.4 20.2l1.1-6.2L3 9.6l6.2-.9z'],
  help: ['M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3', 'M12 17h.01'],
  music: ['M9 18V5l12-2v13', 'M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0z', 'M21 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0z'],
  regenerate: ['M21 12a9 9 0 1 1-3-6.7L21 8', 'M21 3v5h-5'],
} as const satisfies Record<string, readonly string[]>;

/** Names of the available icons. */
export type IconName = keyof typeof ICONS;
