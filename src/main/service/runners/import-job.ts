// The 'import' job: installs a model bundle folder into the user's bundle folder. The copy is made under a
// hidden temporary name, verified there (manifest, sha256 of every file, graph signatures) and only then
// renamed to the bundle's id, so a failed, cancelled or killed import never leaves a bundle that looks installed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { loadBundle } from '../../../inference/client';
import type { JobRunner } from '../../jobs/job-queue';
import { fsError } from '../../store/file-store';

/** Input of an import job. */
export interface ImportInput {
  path: string;
}

async function copyInto(source: string, temp: string): Promise<void> {
  // A file that disappears mid-copy (the folder was moved away) is the bundle's fault, not an internal error.
  try {
    await cp(source, temp, {
      recursive: true,
      errorOnExist: true,
      filter: (src) => !src.endsWith('.verified.json'),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('bad-bundle', `${source} changed while it was being copied: import it again.`);
    throw fsError(e, `copy the bundle into ${temp}`);
  }
}

/**
 * The runner registered for 'import' jobs; `userDir` is where bundles are installed, `installedAt` finds a
 * bundle of the same id in any model folder (the list shows the first one, so a second copy would be hidden).
 */
export function importRunner(
  userDir: () => string,
  installedAt: (id: string) => string | null = () => null,
): JobRunner<ImportInput> {
  return {
    heavy: false,
    run: async (input, { signal, onProgress }) => {
      const source = resolve(input.path);
      if (!existsSync(join(source, 'model.json')))
        throw new AppError('bad-bundle', `${source} is not a model bundle folder (no model.json).`);
      const dir = userDir();
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `.import-${randomBytes(6).toString('hex')}`);
      try {
        await copyInto(source, temp);
        const manifest = await loadBundle(temp, { signal, onProgress, verify: 'full' });
        const final = join(dir, manifest.id);
        const existing = existsSync(final) ? final : installedAt(manifest.id);
        if (existing)
          throw new AppError(
            'invalid-input',
            `A bundle with id "${manifest.id}" is already installed at ${existing}.`,
          );
        if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
        await rename(temp, final);
        return final;
      } catch (e) {
        await rm(temp, { recursive: true, force: true });
        throw e;
      }
    },
  };
}
