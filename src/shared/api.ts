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
import { exportOptionsSchema } from './export';
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

const planRequest = object({
  projectId: id,
  windowSamples: int(1),
  overlapSamples: int(0),
  sceneSeams: optional(boolean()),
});

/** Declares a method: its input schema, from which the input type is inferred, and its (phantom) output type. */
const method = <S extends Schema<unknown>>(input: S) => ({
  returns: <O>() => ({ input, output: undefined as unknown as O }),
});

/** Every API method, by name. */
export const api = {
  'app.info': method(none()).returns<{ version: string; mode: 'electron' | 'web'; platform: string }>(),
  'media.probe': method(object({ path })).returns<MediaInfo>(),
  /** The peak envelope of the project video's own audio (max |x| per `peakBlock` samples); null without audio. */
  'media.peaks': method(object({ projectId: id })).returns<{ peaks: number[]; peakBlock: number } | null>(),
  'dialog.openVideo': method(none()).returns<{ path: string } | null>(),
  'dialog.saveFile': method(object({ defaultPath: path })).returns<{ path: string } | null>(),
  /** A native file or folder picker (null: cancelled, or no native dialogs in this build). */
  'dialog.openPath': method(
    object({ kind: literal('file', 'folder'), title: string({ min: 1, max: 200 }) }),
  ).returns<{ path: string } | null>(),

  'project.openVideo': method(object({ path })).returns<ProjectState>(),
  /** Opens a project in this instance: takes its lock, checks its video, moves it to the top of the recent list. */
  'project.open': method(object({ projectId: id })).returns<ProjectState>(),
  /** The project's state, changing nothing (no lock, no recent-list move): how the editor refreshes. */
  'project.get': method(object({ projectId: id })).returns<ProjectState>(),
  'project.recent': method(none()).returns<ProjectSummary[]>(),
  /** Closes the project in this instance: its jobs are cancelled and its lock released. */
  'project.close': method(object({ projectId: id })).returns<void>(),
  'project.rename': method(
    object({ projectId: id, name: string({ min: 1, max: 200 }) }),
  ).returns<ProjectState>(),
  'project.relink': method(object({ projectId: id, path })).returns<ProjectState>(),
  'project.setPlan': method(planRequest).returns<ProjectState>(),
  /** Which windows' takes a plan change would hide (windows whose range changes); `known` false while the
   * plan waits for the video's cuts. Changes nothing. */
  'project.previewPlan': method(planRequest).returns<PlanPreview>(),
  'project.setParams': method(object({ projectId: id, params: paramsPatch })).returns<ProjectState>(),
  'project.setBundle': method(object({ projectId: id, bundleId: id })).returns<ProjectState>(),

  'generate.windows': method(
    object({ projectId: id, windowIndices: nullable(array(int(0), 10000)) }),
  ).returns<{ jobIds: string[] }>(),
  /** Regenerates the window after `windowId` prompted by its selected take ("Continue from here"); with
   * `ripple`, every following window too (or the next `count`), each after the previous; one undo step. */
  'generate.continue': method(
    object({ projectId: id, windowId: id, ripple: boolean(), count: optional(int(1, 10000)) }),
  ).returns<{
    jobId: string;
  }>(),
  'take.select': method(object({ projectId: id, windowId: id, takeId: id })).returns<ProjectState>(),
  'take.star': method(object({ projectId: id, takeId: id, starred: boolean() })).returns<ProjectState>(),
  'take.delete': method(object({ projectId: id, takeId: id })).returns<ProjectState>(),
  'seam.set': method(
    object({ projectId: id, seamId: id, lengthSamples: int(0), curve: literal(...SEAM_CURVES) }),
  ).returns<ProjectState>(),
  'seam.moveToCut': method(object({ projectId: id, seamId: id, cut: int(0) })).returns<ProjectState>(),
  'seam.newCue': method(object({ projectId: id, seamId: id })).returns<{ jobId: string }>(),
  /** The clips playback mixes (continuous runs decoded as one, like the export); `audition` plays other
   * takes of some windows in place of their selected ones. */
  'music.playback': method(
    object({ projectId: id, audition: optional(array(object({ windowId: id, takeId: id }), 10000)) }),
  ).returns<PlaybackMix>(),
  'history.undo': method(object({ projectId: id })).returns<ProjectState>(),
  'history.redo': method(object({ projectId: id })).returns<ProjectState>(),

  /** Refuses ('exists') to replace an existing file unless `overwrite` says the user agreed. */
  'export.start': method(
    object({ projectId: id, options: exportOptionsSchema, overwrite: optional(boolean()) }),
  ).returns<{ jobId: string }>(),
  'jobs.list': method(none()).returns<JobInfo[]>(),
  'jobs.cancel': method(object({ jobId: id })).returns<void>(),
  'jobs.retry': method(object({ jobId: id })).returns<{ jobId: string }>(),

  'models.list': method(none()).returns<BundleInfo[]>(),
  /** Where the inference engine runs models (null: this build has no engine). */
  'models.provider': method(none()).returns<InferenceProvider | null>(),
  'models.import': method(object({ path })).returns<{ jobId: string }>(),
  'models.convert': method(object({ lmPath: path, codecDir: path, fp16: boolean() })).returns<{
    jobId: string;
  }>(),
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
