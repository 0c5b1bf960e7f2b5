// The 'convert' job: turns the released checkpoint (LM state dict + HF codec folder) into a bundle in the
// user's bundle folder. The converter writes under a temporary name and renames when complete.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { JobOptions } from '../../../shared/progress';
import type { JobRunner } from '../../jobs/job-queue';

/** Input of a convert job. */
export interface ConvertInput {
  lmPath: string;
  codecDir: string;
  fp16: boolean;
}

/** Converts a checkpoint into the bundle folder `outDir` (the inference host runs it, precision gate included). */
export type BundleConverter = (
  input: { lmCheckpoint: string; codecDir: string; outDir: string; fp16: boolean; id: string },
  opts: JobOptions,
) => Promise<void>;

/** The runner registered for 'convert' jobs (CPU-heavy: not alongside generation). */
export function convertRunner(
  userDir: () => string,
  converter: () => BundleConverter,
): JobRunner<ConvertInput> {
  return {
    heavy: true,
    run: async (input, { signal, onProgress }) => {
      const lm = resolve(input.lmPath);
      const codec = resolve(input.codecDir);
      if (!existsSync(lm)) throw new AppError('not-found', `The checkpoint ${lm} does not exist.`);
      if (!existsSync(join(codec, 'config.json')))
        throw new AppError('bad-bundle', `${codec} is not a codec folder (no config.json).`);
      const dir = userDir();
      mkdirSync(dir, { recursive: true });
      const id = `vidmuse-${input.fp16 ? 'fp16' : 'fp32'}-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
      const outDir = join(dir, id);
      await converter()(
        { lmCheckpoint: lm, codecDir: codec, outDir, fp16: input.fp16, id },
        { signal, onProgress },
      );
      return outDir;
    },
  };
}
