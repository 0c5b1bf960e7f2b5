// The API contract between the renderer and main, written once. The Electron preload and the loopback
// bridge both expose exactly these methods; main validates every payload against the method's schema.
import type {
  BundleInfo,
  InferenceProvider,
  JobInfo,
  PlanPreview,
  PlaybackMix,
  ProjectState,
  ProjectSummary,
} from './domain';
import type { MediaInfo } from './media';
import { SEAM_CURVES } from './timeline/seam-curve';
import type { Infer, Schema } from './schema';
import { array, boolean, int, literal, none, nullable, number, object, optional, string } from './schema';

const id = string({ min: 1, max: 200 });
const path = string({ min: 1, max: 4096 });

const paramsPatch = object({
  seed: optional(int(0, 2 ** 32 - 1)),
  temperature: optional(number({ min: 0.05, max: 5 })),
  topK: optional(int(0, 100000)),
  topP: optional(number({ min: 0, max: 1 })),
  cfgCoef: optional(number({ min: 0, max: 20 })),
  globalFrames: optional(int(1, 256)),
  continuation: optional(boolean()),
  continuationSeconds: optional(number({ min: 0, max: 10 })),
});

const exportOptions = object({
  format: literal('mp4', 'wav', 'flac'),
  outputPath: path,
  includeOriginalAudio: boolean(),
  musicGainDb: number({ min: -60, max: 12 }),
  originalGainDb: number({ min: -60, max: 12 }),
  ducking: boolean(),
  loudnessTarget: number({ min: -40, max: -5 }),
});

/** Declares a method: its input schema and (phantom) output type. */
const method = <I, O>(input: Schema<I>) => ({ input, output: undefined as unknown as O });

/** Every API method, by name. */
export const api = {
  'app.info': method<void, { version: string; mode: 'electron' | 'web'; platform: string }>(none()),
  'media.probe': method<{ path: string }, MediaInfo>(object({ path })),
  'dialog.openVideo': method<void, { path: string } | null>(none()),
  'dialog.saveFile': method<{ defaultPath: string }, { path: string } | null>(object({ defaultPath: path })),

  'project.openVideo': method<{ path: string }, ProjectState>(object({ path })),
  'project.open': method<{ projectId: string }, ProjectState>(object({ projectId: id })),
  'project.recent': method<void, ProjectSummary[]>(none()),
  /** Closes the project in this instance: its jobs are cancelled and its lock released. */
  'project.close': method<{ projectId: string }, void>(object({ projectId: id })),
  'project.rename': method<{ projectId: string; name: string }, ProjectState>(
    object({ projectId: id, name: string({ min: 1, max: 200 }) }),
  ),
  'project.relink': method<{ projectId: string; path: string }, ProjectState>(
    object({ projectId: id, path }),
  ),
  'project.setPlan': method<
    { projectId: string; windowSamples: number; overlapSamples: number; sceneSeams?: boolean },
    ProjectState
  >(
    object({
      projectId: id,
      windowSamples: int(1),
      overlapSamples: int(0),
      sceneSeams: optional(boolean()),
    }),
  ),
  /** Which windows' takes a plan change would hide (windows whose range changes); `known` false while the
   * plan waits for the video's cuts. Changes nothing. */
  'project.previewPlan': method<
    { projectId: string; windowSamples: number; overlapSamples: number; sceneSeams?: boolean },
    PlanPreview
  >(
    object({
      projectId: id,
      windowSamples: int(1),
      overlapSamples: int(0),
      sceneSeams: optional(boolean()),
    }),
  ),
  'project.setParams': method<{ projectId: string; params: Infer<typeof paramsPatch> }, ProjectState>(
    object({ projectId: id, params: paramsPatch }),
  ),
  'project.setBundle': method<{ projectId: string; bundleId: string }, ProjectState>(
    object({ projectId: id, bundleId: id }),
  ),

  'generate.windows': method<{ projectId: string; windowIndices: number[] | null }, { jobIds: string[] }>(
    object({ projectId: id, windowIndices: nullable(array(int(0), 10000)) }),
  ),
  'take.select': method<{ projectId: string; windowId: string; takeId: string }, ProjectState>(
    object({ projectId: id, windowId: id, takeId: id }),
  ),
  'take.star': method<{ projectId: string; takeId: string; starred: boolean }, ProjectState>(
    object({ projectId: id, takeId: id, starred: boolean() }),
  ),
  'take.delete': method<{ projectId: string; takeId: string }, ProjectState>(
    object({ projectId: id, takeId: id }),
  ),
  'seam.set': method<
    { projectId: string; seamId: string; lengthSamples: number; curve: string },
    ProjectState
  >(object({ projectId: id, seamId: id, lengthSamples: int(0), curve: literal(...SEAM_CURVES) })),
  'seam.moveToCut': method<{ projectId: string; seamId: string; cut: number }, ProjectState>(
    object({ projectId: id, seamId: id, cut: int(0) }),
  ),
  'seam.newCue': method<{ projectId: string; seamId: string }, { jobId: string }>(
    object({ projectId: id, seamId: id }),
  ),
  /** The clips playback mixes (continuous runs decoded as one, like the export); `audition` plays other
   * takes of some windows in place of their selected ones. */
  'music.playback': method<
    { projectId: string; audition?: { windowId: string; takeId: string }[] },
    PlaybackMix
  >(
    object({
      projectId: id,
      audition: optional(array(object({ windowId: id, takeId: id }), 10000)),
    }),
  ),
  'history.undo': method<{ projectId: string }, ProjectState>(object({ projectId: id })),
  'history.redo': method<{ projectId: string }, ProjectState>(object({ projectId: id })),

  /** Refuses ('exists') to replace an existing file unless `overwrite` says the user agreed. */
  'export.start': method<
    { projectId: string; options: Infer<typeof exportOptions>; overwrite?: boolean },
    { jobId: string }
  >(object({ projectId: id, options: exportOptions, overwrite: optional(boolean()) })),
  'jobs.list': method<void, JobInfo[]>(none()),
  'jobs.cancel': method<{ jobId: string }, void>(object({ jobId: id })),
  'jobs.retry': method<{ jobId: string }, { jobId: string }>(object({ jobId: id })),

  'models.list': method<void, BundleInfo[]>(none()),
  /** Where the inference engine runs models (null: this build has no engine). */
  'models.provider': method<void, InferenceProvider | null>(none()),
  'models.import': method<{ path: string }, { jobId: string }>(object({ path })),
  'models.convert': method<{ lmPath: string; codecDir: string; fp16: boolean }, { jobId: string }>(
    object({ lmPath: path, codecDir: path, fp16: boolean() }),
  ),
} as const;

/** Names of API methods. */
export type ApiMethod = keyof typeof api;
/** Input payload of a method. */
export type ApiInput<M extends ApiMethod> = Infer<(typeof api)[M]['input']>;
/** Result of a method. */
export type ApiOutput<M extends ApiMethod> = (typeof api)[M]['output'];

/** Events main pushes to the renderer. */
export interface ApiEvents {
  /** A job was created, progressed or finished. */
  job: JobInfo;
  /** A project changed (by a job or another window): refetch it. */
  project: { projectId: string; revision: number };
  /** A command chosen in the application menu (Electron), run by the renderer like its shortcut. */
  menu: { command: MenuCommand };
}

/** Commands of the application menu that the renderer carries out. */
export type MenuCommand = 'open' | 'open-recent' | 'close-project';
/** Names of events. */
export type ApiEvent = keyof ApiEvents;

/** The API as the renderer calls it (one async function per method). */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** Implementations of every method, as main provides them. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };

/** True when `name` is a method of the API (for validating untrusted method names). */
export const isApiMethod = (name: unknown): name is ApiMethod =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);

/** Validates an untrusted payload for a method; throws a SchemaError naming the field. */
export function parseInput<M extends ApiMethod>(method: M, payload: unknown): ApiInput<M> {
  return api[method].input.parse(payload) as ApiInput<M>;
}
