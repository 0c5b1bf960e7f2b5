// Maps a URL path to a file of the built renderer, refusing anything that would leave its folder.
import path from 'node:path';

/** Absolute file under `root` for a URL pathname, or null for traversal, odd characters or dotfiles. */
export function staticFileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...(parts.length ? parts : ['index.html']));
  return file === base || !file.startsWith(base + path.sep) ? null : file;
}
