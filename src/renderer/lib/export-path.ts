// Where an export goes by default: the folder of the last export (remembered by the editor), else the video's
// own folder; the file is named after the video.

/** The folder part of a path ('' when it has none), for either separator. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut);
}

/** The default destination for exporting `videoPath` as `format`, in `lastFolder` when one is known. */
export function defaultExportPath(videoPath: string, format: string, lastFolder: string | null): string {
  const cut = Math.max(videoPath.lastIndexOf('/'), videoPath.lastIndexOf('\\'));
  const name = videoPath.slice(cut + 1).replace(/\.[^.]+$/, '') || 'export';
  const folder = lastFolder || folderOf(videoPath);
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder
    ? `${folder}${folder.endsWith(sep) ? '' : sep}${name}.scored.${format}`
    : `${name}.scored.${format}`;
}

/** Storage key of the last export folder. */
export const LAST_EXPORT_FOLDER_KEY = 'vidmuse.lastExportFolder';
