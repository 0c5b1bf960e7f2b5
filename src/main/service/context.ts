// What every studio handler shares: the library (database + files), the transport's URL function, the
// project locks this studio holds, the media status of open projects, the job queue and the event emitter.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectState } from '../../shared/domain';
import { CutsCache } from '../../media/cuts-cache';
import type { SceneCut } from '../../media/detect-cuts';
import type { Db } from '../store/database';
import { openDatabase } from '../store/database';
import { FileStore, fsError } from '../store/file-store';
import { collectGarbage } from '../store/gc';
import { interruptedExportInputs, markInterruptedJobs } from '../store/jobs-repo';
import { removeStalePartials } from '../export/stale-partials';
import { purgeDeletedTakes } from '../store/purge';
import { acquireProjectLock } from '../store/lock';
import { getProject } from '../store/projects-repo';
import { JobQueue } from '../jobs/job-queue';
import { Emitter } from './emitter';
import type { StudioJobs } from './job-map';
import type { StudioOptions } from './options';
import { projectState, type MediaStatus } from './project-state';
import { projectSeamStates, type MusicSources } from './project-music';
import { RunCache } from './run-cache';

/** Shared state of one studio instance. */
export interface StudioContext {
  db: Db;
  files: FileStore;
  options: StudioOptions;
  /** Identifies this studio's project locks. */
  token: string;
  /** Media status of the projects this studio has open. */
  open: Map<string, MediaStatus>;
  emitter: Emitter;
  /** The studio's jobs, typed by kind (job-map.ts). */
  jobs: JobQueue<StudioJobs>;
  /** Cuts cached per video content (beside the library), and those read or found in this session. */
  cutsCache: CutsCache;
  cuts: Map<string, SceneCut[]>;
  /** The project's music: takes, the codec decoder and the cache of decoded runs. */
  music: MusicSources & { runs: RunCache };
  /** The project's state as the editor sees it; takes its lock (the caller edits or opens it). */
  state: (projectId: string) => ProjectState;
  /** The project's state with the given media status, read without side effects (no lock). */
  view: (projectId: string, status: MediaStatus) => ProjectState;
  /** Takes the project's lock (refusing a second instance) and returns its media status; 'not-found' for an unknown id. */
  ensureOpen: (projectId: string) => MediaStatus;
  /** Announces a change to listeners. */
  changed: (projectId: string, revision: number) => void;
}

/** Removes the temporary files of exports that a killed process left behind (their jobs read as interrupted). */
function sweepInterruptedExports(db: Db): void {
  for (const input of interruptedExportInputs(db)) {
    const outputPath = (JSON.parse(input) as { options?: { outputPath?: unknown } }).options?.outputPath;
    if (typeof outputPath === 'string') removeStalePartials(outputPath);
  }
}

/** The project's state for this media status, its seams' continuity included; reads only. */
function viewProject(ctx: StudioContext, projectId: string, status: MediaStatus): ProjectState {
  const cutsOf = (hash: string) => ctx.cuts.get(hash) ?? null;
  const s = projectState(ctx.db, ctx.files, projectId, ctx.options.mediaUrl, status, cutsOf);
  const states = projectSeamStates(ctx.music, projectId);
  s.seams.forEach((seam, i) => (seam.continuity = states[i] ?? { kind: 'crossfade', reason: 'no-take' }));
  return s;
}

/** Opens the library folder: database, file store, interrupted jobs marked, orphan files collected. */
export function createContext(options: StudioOptions): StudioContext {
  try {
    mkdirSync(options.libraryDir, { recursive: true });
  } catch (e) {
    throw fsError(e, `create the library folder ${options.libraryDir}`);
  }
  const db = openDatabase(join(options.libraryDir, 'library.db'));
  const files = new FileStore(join(options.libraryDir, 'files'));
  markInterruptedJobs(db);
  sweepInterruptedExports(db);
  purgeDeletedTakes(db);
  collectGarbage(db, files, { graceMs: options.gcGraceMs ?? 60 * 60 * 1000 });
  const emitter = new Emitter();
  const open = new Map<string, MediaStatus>();
  const token = randomUUID();
  const graceMs = options.gcGraceMs ?? 60 * 60 * 1000;
  const music = {
    db,
    files,
    bundleDirs: options.bundleDirs,
    decoder: options.decoder ?? null,
    runs: new RunCache(join(options.libraryDir, 'runs'), { graceMs }),
  };
  const ctx: StudioContext = {
    db,
    files,
    options,
    token,
    open,
    emitter,
    jobs: new JobQueue<StudioJobs>(db, (job) => emitter.emit('job', job)),
    cutsCache: new CutsCache(options.cutsCacheDir ?? join(options.libraryDir, 'cuts')),
    cuts: new Map(),
    music,
    state: (projectId) => ctx.view(projectId, ctx.ensureOpen(projectId)),
    view: (projectId, status) => viewProject(ctx, projectId, status),
    ensureOpen: (projectId) => {
      getProject(db, projectId);
      acquireProjectLock(db, projectId, token);
      let status = open.get(projectId);
      if (!status) open.set(projectId, (status = { missing: false, changed: false }));
      return status;
    },
    changed: (projectId, revision) => emitter.emit('project', { projectId, revision }),
  };
  return ctx;
}
