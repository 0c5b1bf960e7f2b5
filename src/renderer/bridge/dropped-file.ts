// Paths of files dropped on the window: only the desktop app can tell where a dropped file lives.

/** The absolute path of a dropped file, or null where the environment does not reveal it (the web harness). */
export function pathForDroppedFile(file: File): string | null {
  return window.vidmuse?.pathForFile(file) || null;
}
