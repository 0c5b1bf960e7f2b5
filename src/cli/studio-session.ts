// The library commands (`projects`, `generate`, `export`) work through the studio, the same service the
// editor uses, so the CLI and the editor share projects, takes, locks and jobs. This opens one for a
// command and always closes it: jobs end, project locks are released, the inference host stops.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startWorkerHost, type EngineOptions } from '../inference';
import { createInferenceGenerator } from '../main/bridge/inference-generator';
import { defaultLibraryDir } from '../main/library-dir';
import { createStudio, type Studio } from '../main/service';
import type { ProjectState } from '../shared/domain';
import { AppError } from '../shared/errors';

/** The bundles committed with the app (resources/models), searched when --models is not given. */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../resources/models', import.meta.url));

/** parseArgs options every library command accepts. */
export const LIBRARY_OPTIONS = {
  library: { type: 'string' },
  models: { type: 'string', multiple: true },
} as const;

/** Usage text of LIBRARY_OPTIONS. */
export const LIBRARY_USAGE = '[--library DIR] [--models DIR ...]';

/** Which library and model folders a command uses. */
export interface LibraryArgs {
  libraryDir: string;
  modelDirs: string[];
  /** Where CLIP features and cuts are cached (default: beside the library). */
  cacheDir?: string;
}

/** Paths on the command line are relative to where the user typed it (`npm run` starts in the package folder). */
export const fromCwd = (p: string): string => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** --library (default: the shared library, $VIDMUSE_LIBRARY or ~/.vidmuse-studio/library) and --models. */
export function libraryArgs(v: { library?: string; models?: string[] }): LibraryArgs {
  return {
    libraryDir: v.library ? fromCwd(v.library) : defaultLibraryDir(),
    modelDirs: v.models?.length ? v.models.map(fromCwd) : [DEFAULT_MODELS_DIR],
  };
}

/** Runs `fn` on a studio over the library (with the worker-thread inference host, run with `engine`, when asked), then disposes it. */
export async function withStudio<T>(
  a: LibraryArgs,
  inference: boolean,
  fn: (studio: Studio) => Promise<T>,
  engine: EngineOptions = {},
): Promise<T> {
  const host = inference
    ? createInferenceGenerator(
        () => startWorkerHost(),
        a.cacheDir ?? path.join(a.libraryDir, 'feature-cache'),
        engine,
      )
    : null;
  try {
    const studio = createStudio({
      libraryDir: a.libraryDir,
      bundleDirs: a.modelDirs,
      mediaUrl: (file) => pathToFileURL(file).href,
      ...(a.cacheDir ? { cutsCacheDir: path.join(a.cacheDir, 'cuts') } : {}),
      ...(host
        ? {
            generator: host.generator,
            decoder: host.decoder,
            converter: host.converter,
            provider: host.provider,
          }
        : {}),
    });
    try {
      return await fn(studio);
    } finally {
      await studio.dispose();
    }
  } finally {
    await host?.dispose();
  }
}

/** Opens a project for work on its video: a clear error for an unknown id and a missing or changed video. */
export async function openForWork(
  studio: Studio,
  projectId: string,
  libraryDir: string,
): Promise<ProjectState> {
  const state = await openProject(studio, projectId, libraryDir);
  const where = `The video of project "${state.name}" (${state.media.path})`;
  if (state.media.missing)
    throw new AppError('not-found', `${where} is missing; move it back or relink the project in the editor.`);
  if (state.media.changed)
    throw new AppError(
      'media-changed',
      `${where} changed since the project was made; relink the original in the editor.`,
    );
  return state;
}

/** 'project.open', naming the library and the `projects` command when the id is unknown. */
export async function openProject(
  studio: Studio,
  projectId: string,
  libraryDir: string,
): Promise<ProjectState> {
  try {
    return await studio['project.open']({ projectId });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found')
      throw new AppError(
        'not-found',
        `No project "${projectId}" in the library ${libraryDir}; \`projects\` lists them.`,
      );
    throw e;
  }
}
