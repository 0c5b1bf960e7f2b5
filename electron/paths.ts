// Where the app finds its parts, packaged or run from the build: dist/ beside this bundle, models in
// the resources folder (packaged) or resources/models of the checkout; the library where the CLI looks too.
import { app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLibraryDir } from '../src/main/library-dir';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Paths of the app's parts. */
export interface AppPaths {
  preload: string;
  inferenceHost: string;
  rendererDir: string;
  bundledModels: string;
  userModels: string;
  libraryDir: string;
}

/** Resolves the paths for this run. */
export function appPaths(): AppPaths {
  const userData = app.getPath('userData');
  return {
    preload: path.join(here, 'preload.cjs'),
    inferenceHost: path.join(here, 'inference-host.cjs'),
    rendererDir: path.join(here, '..', 'renderer'),
    bundledModels: app.isPackaged
      ? path.join(process.resourcesPath, 'models')
      : path.join(app.getAppPath(), 'resources', 'models'),
    userModels: path.join(userData, 'models'),
    // Shared with `npm run web` and the CLI (not under userData), so all of them see the same projects.
    libraryDir: defaultLibraryDir(),
  };
}
