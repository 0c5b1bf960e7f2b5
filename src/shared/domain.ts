// Domain types the editor, the store and the command line share. Positions are integer samples at the
// project's sample rate (the model's, 32 kHz); ranges are half-open.
import type { SerializedError } from './errors';
import type { MediaInfo } from './media';
import type { SeamCurve } from './timeline/seam-curve';
import type { SeamState } from './timeline/continuity';
import type { Progress } from './progress';

/** Sampling parameters of one generation (a take records the ones it used). */
export interface GenerationParams {
  seed: number;
  temperature: number;
  /** 0 disables top-k. */
  topK: number;
  /** 0 disables top-p (top-p wins over top-k when both are set). */
  topP: number;
  /** Classifier-free guidance coefficient. */
  cfgCoef: number;
  /** Global (long-term) frames sampled over the whole video. */
  globalFrames: number;
  /** Prompt each window with the tail of the previous window's selected take. */
  continuation: boolean;
  /** Seconds of the overlap used as the prompt; 0 (the default) uses the whole overlap. */
  continuationSeconds: number;
}

/** How the video is cut into windows, in samples. */
export interface PlanSettings {
  windowSamples: number;
  overlapSamples: number;
}

/** One generation of a window. Takes are never overwritten. */
export interface TakeInfo {
  id: string;
  windowId: string;
  params: GenerationParams;
  bundleId: string;
  createdAt: string;
  starred: boolean;
  /** Length of the audio in samples. */
  lengthSamples: number;
  /** URL the renderer can fetch the take's WAV from (media protocol or bridge). */
  audioUrl: string;
  /** Peak envelope for drawing: max |x| per block of `peakBlock` samples. */
  peaks: number[];
  peakBlock: number;
  /** The take of the window before whose codes prompted this one; null when made without a prompt. */
  continuedTakeId: string | null;
}

/** A window of the plan with its takes. */
export interface WindowInfo {
  id: string;
  index: number;
  start: number;
  end: number;
  selectedTakeId: string | null;
  takes: TakeInfo[];
}

/** The overlap between window `index` and `index + 1`, with its crossfade. */
export interface SeamInfo {
  id: string;
  index: number;
  /** The overlap region [start, end). */
  start: number;
  end: number;
  /** Crossfade length in samples, centred in the overlap, ≤ end − start. */
  lengthSamples: number;
  curve: SeamCurve;
  /** Continuous (the takes play as one decode of their joined codes) or crossfaded, and why. */
  continuity: SeamState;
}

/** One clip of playback: a window's take, or the one decode of a run of windows joined by continuous seams. */
export interface PlaybackClip {
  firstWindow: number;
  lastWindow: number;
  startSample: number;
  /** The clip's WAV (float, mono, the project's rate); null for a window without a take (silence). */
  url: string | null;
}

/** What playback mixes, rendered by main like the export: clips in order and the seams between them. */
export interface PlaybackMix {
  clips: PlaybackClip[];
  /** Indices of the seams that crossfade; crossfades[k] joins clips[k] and clips[k + 1]. */
  crossfades: number[];
}

/** The project's video. */
export interface ProjectMedia {
  id: string;
  path: string;
  contentHash: string;
  info: MediaInfo;
  /** URL the renderer can play the video from. */
  url: string;
  /** The file is gone from its path (relink by content hash). */
  missing: boolean;
  /** The file at the path no longer matches the recorded content hash. */
  changed: boolean;
}

/** Everything the editor shows about an open project. */
export interface ProjectState {
  id: string;
  name: string;
  revision: number;
  sampleRate: number;
  /** Length of the soundtrack: the video's duration in samples. */
  totalSamples: number;
  media: ProjectMedia;
  bundleId: string;
  params: GenerationParams;
  plan: PlanSettings;
  /** The plan centres its seams on the video's cuts. */
  sceneSeams: boolean;
  /** The video's cuts (sample positions), once detected; null before. */
  cuts: number[] | null;
  windows: WindowInfo[];
  seams: SeamInfo[];
  history: { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null };
}

/** What a plan change would hide: the windows (indices in the current plan) whose takes it does not keep. */
export interface PlanPreview {
  /** False while the new plan waits for the video's cuts (then any window may change). */
  known: boolean;
  windows: number[];
  takes: number;
}

/** A line of the recent-projects list. */
export interface ProjectSummary {
  id: string;
  name: string;
  videoPath: string;
  durationSeconds: number;
  updatedAt: string;
  /** Another running instance has the project open (holds its lock). */
  openElsewhere: boolean;
}

/** Kinds of long-running jobs. */
export type JobKind = 'analyse' | 'generate' | 'continue' | 'export' | 'convert' | 'import' | 'cuts';

/** Lifecycle of a job; 'interrupted' marks a job cut off by a crash or quit (it can be retried). */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** A job as the UI lists it. */
export interface JobInfo {
  id: string;
  kind: JobKind;
  /** What it works on, e.g. "project:<id>/window:<index>"; a new job for the same target supersedes it. */
  target: string;
  projectId: string | null;
  label: string;
  status: JobStatus;
  progress: Progress | null;
  error: SerializedError | null;
  createdAt: string;
  finishedAt: string | null;
  /** Result reference, e.g. the take id or the exported file. */
  result: string | null;
}

/** An installed model bundle. */
export interface BundleInfo {
  id: string;
  name: string;
  licence: string;
  source: string;
  trained: boolean;
  path: string;
  bytes: number;
  maxWindowSeconds: number;
  sampleRate: number;
  /** The decoder precision gate measured at conversion on this bundle's weights (null: not measured). */
  precision: BundlePrecision | null;
}

/** The execution provider the inference engine runs on (e.g. cpu, webgpu) and why it was chosen. */
export interface InferenceProvider {
  provider: string;
  reason: string;
}

/** The precision gate's figures of a bundle, per decoder variant against fp32, and the default it chose. */
export interface BundlePrecision {
  /** The default on the provider the gate ran on (`provider`, the CPU). */
  default: string;
  provider: string;
  /** Defaults the gate measured on other providers (a GPU found at conversion). */
  byProvider: Record<string, string>;
  variants: { variant: string; relRmsLogitsError: number; argmaxAgreement: number; passed: boolean }[];
}
