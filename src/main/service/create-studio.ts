// The application service behind the API contract: every ApiHandlers method, the API events, the files a
// transport may serve, and dispose() that aborts all jobs and releases the project locks.
import { dirname, resolve } from 'node:path';
import type { ApiEvent, ApiEvents, ApiHandlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { probeMedia } from '../../media/probe-media';
import { listProjectTakes } from '../store/takes-repo';
import { getMedia, getProject } from '../store/projects-repo';
import { releaseProjectLocks } from '../store/lock';
import { listBundles } from './bundles';
import { closeAllProjects } from './close-project';
import { createContext, type StudioContext } from './context';
import { editHandlers } from './handlers/edit-handlers';
import { defaultExporter, exportRunner } from './runners/export-job';
import { generateRunner } from './runners/generate-job';
import { continueRunner } from './runners/continue-job';
import { importRunner } from './runners/import-job';
import { convertRunner } from './runners/convert-job';
import { cutsRunner } from './runners/cuts-job';
import { setPlan } from './handlers/project-handlers';
import { jobHandlers } from './handlers/job-handlers';
import { sceneHandlers } from './handlers/scene-handlers';
import { mediaHandlers } from './handlers/media-handlers';
import { musicHandlers } from './handlers/music-handlers';
import type { StudioOptions } from './options';
import { projectHandlers } from './handlers/project-handlers';

import { requireFolderWith, requirePath } from './path-checks';

/** A running studio: the API handlers plus events, file access for transports and disposal. */
export interface Studio extends ApiHandlers {
  /** Subscribes to an API event; returns the unsubscribe function. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** Files of a project a transport may serve: its video and its takes' audio. */
  allowedFiles(projectId: string): string[];
  /** True when the file belongs to a project this studio has open. */
  isAllowedFile(file: string): boolean;
  /** Closes every open project: their jobs are cancelled and their locks released. */
  closeAll(): void;
  /** Resolves when no job is queued or running (tests, CLI). */
  idle(): Promise<void>;
  /** Aborts every job (they end as interrupted), releases locks and closes the database. */
  dispose(): Promise<void>;
  /** The shared context (CLI and tests reach the store through it). */
  readonly context: StudioContext;
}

function allowedFiles(ctx: StudioContext, projectId: string): string[] {
  const p = getProject(ctx.db, projectId);
  const files = [resolve(getMedia(ctx.db, p.media_id).path)];
  for (const t of listProjectTakes(ctx.db, projectId)) files.push(ctx.files.path(t.audio_hash, 'wav'));
  return files;
}

/** Opens the library and returns the studio service. */
export function createStudio(options: StudioOptions): Studio {
  const ctx = createContext(options);
  const generateDeps = {
    db: ctx.db,
    files: ctx.files,
    bundleDirs: options.bundleDirs,
    changed: ctx.changed,
    generator: () => {
      if (!options.generator)
        throw new AppError(
          'bad-bundle',
          'No inference engine is available in this build, so music cannot be generated.',
        );
      return options.generator;
    },
  };
  ctx.jobs.register('generate', generateRunner(generateDeps));
  ctx.jobs.register('continue', continueRunner(generateDeps));
  const userDir = () => options.userBundleDir ?? options.bundleDirs[options.bundleDirs.length - 1];
  ctx.jobs.register(
    'cuts',
    cutsRunner({
      db: ctx.db,
      cache: ctx.cutsCache,
      known: ctx.cuts,
      applyPlan: (projectId, plan) => void setPlan(ctx, projectId, plan, true),
      changed: ctx.changed,
    }),
  );
  ctx.jobs.register(
    'import',
    importRunner(userDir, (id) => listBundles(options.bundleDirs).find((b) => b.id === id)?.path ?? null),
  );
  ctx.jobs.register(
    'convert',
    convertRunner(userDir, () => {
      if (!options.converter)
        throw new AppError(
          'bad-bundle',
          'No inference engine is available in this build, so models cannot be converted.',
        );
      return options.converter;
    }),
  );
  ctx.jobs.register(
    'export',
    exportRunner({ ...ctx.music, exporter: () => options.exporter ?? defaultExporter }),
  );
  let disposed: Promise<void> | null = null;
  return {
    'app.info': () => ({
      version: options.version ?? '0.1.0',
      mode: options.mode ?? 'web',
      platform: process.platform,
    }),
    'media.probe': ({ path }) => probeMedia(resolve(path)),
    'dialog.openVideo': () => options.dialogs?.openVideo() ?? null,
    'dialog.saveFile': ({ defaultPath }) => options.dialogs?.saveFile(defaultPath) ?? null,
    'dialog.openPath': ({ kind, title }) => options.dialogs?.openPath?.(kind, title) ?? null,
    ...projectHandlers(ctx),
    ...editHandlers(ctx),
    ...jobHandlers(ctx),
    ...sceneHandlers(ctx),
    ...musicHandlers(ctx),
    ...mediaHandlers(ctx),
    'models.list': () =>
      listBundles(options.bundleDirs).map((b) => ({
        id: b.id,
        name: b.name,
        licence: b.licence,
        source: b.source,
        trained: b.trained,
        path: b.path,
        bytes: b.bytes,
        maxWindowSeconds: b.maxWindowSeconds,
        sampleRate: b.sampleRate,
        precision: b.precision,
      })),
    'models.provider': () => options.provider?.() ?? null,
    'models.import': ({ path }) => {
      const folder = requireFolderWith(path, 'model.json', 'model bundle folder');
      const job = ctx.jobs.submit(
        'import',
        { path: folder },
        { target: `import:${folder}`, projectId: null, label: 'Import model bundle' },
      );
      return { jobId: job.id };
    },
    'models.convert': ({ lmPath, codecDir, fp16 }) => {
      const lm = requirePath(lmPath, 'file', 'checkpoint');
      const codec = requireFolderWith(codecDir, 'config.json', 'codec folder');
      const job = ctx.jobs.submit(
        'convert',
        { lmPath: lm, codecDir: codec, fp16 },
        { target: `convert:${lm}`, projectId: null, label: 'Convert checkpoint' },
      );
      return { jobId: job.id };
    },
    on: (event, listener) => ctx.emitter.on(event, listener),
    allowedFiles: (projectId) => allowedFiles(ctx, projectId),
    isAllowedFile: (file) => {
      const abs = resolve(file);
      // Decoded runs are named by the hash of what they hold; any of them may play while a project is open.
      if (dirname(abs) === resolve(ctx.music.runs.dir)) return ctx.open.size > 0;
      return [...ctx.open.keys()].some((id) => allowedFiles(ctx, id).includes(abs));
    },
    closeAll: () => closeAllProjects(ctx),
    idle: () => ctx.jobs.idle(),
    dispose: () =>
      (disposed ??= ctx.jobs.dispose().then(() => {
        releaseProjectLocks(ctx.db, ctx.token);
        ctx.db.close();
      })),
    context: ctx,
  };
}
