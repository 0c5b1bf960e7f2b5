// Shared setup of studio tests: a library folder, a copy of the sample video and a studio over them.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, type Studio, type StudioOptions } from '../../../src/main/service';
import type { AppError } from '../../../src/shared/errors';
import { SAMPLE_VIDEO } from '../synth-media';
import { testGenerator, writeTestBundle } from './fixtures';

/** URL scheme the tests use in place of a transport's. */
export const testUrl = (file: string): string => `media-test://${encodeURIComponent(file)}`;

/** A studio on `<dir>/library` with the test bundle and generator; options can be overridden. */
export function makeStudio(dir: string, over: Partial<StudioOptions> = {}): Studio {
  return createStudio({
    libraryDir: join(dir, 'library'),
    bundleDirs: [writeTestBundle(dir)],
    mediaUrl: testUrl,
    generator: testGenerator(),
    ...over,
  });
}

/** Copies the 5.1 s sample video into `dir` under `name`; returns its path. */
export function copySample(dir: string, name = 'film.mp4'): string {
  const p = join(dir, name);
  copyFileSync(SAMPLE_VIDEO, p);
  return p;
}

/** The AppError a call fails with (the test fails when it succeeds). */
export async function failure(call: () => unknown): Promise<AppError> {
  try {
    await call();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}
