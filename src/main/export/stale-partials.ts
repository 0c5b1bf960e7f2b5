// Temporary export files left by a process that was killed mid-export: the next start removes them.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Matches the hidden temporary names `prepareOutput` gives an output: `.<name>.<12 hex>.partial`. */
const partialOf = (name: string): RegExp =>
  new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.partial$`);

/**
 * Removes the temporary files of `outputPath`, for an export whose process is gone. Their modification time
 * cannot tell them apart: an ffmpeg started by the killed process may still be writing one. Returns how many went.
 */
export function removeStalePartials(outputPath: string): number {
  const folder = dirname(resolve(outputPath));
  const pattern = partialOf(basename(outputPath));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!pattern.test(name)) continue;
    try {
      rmSync(join(folder, name), { force: true });
      removed++;
    } catch {
      // Not ours to remove (permissions): leave it.
    }
  }
  return removed;
}
