// The contract between the reference-check driver and the checks that plug into it (converter stages here,
// decoder/generation checks in decoder-checks.ts): each check compares our graphs with reference tensors.
import type { BundleManifest } from '../bundle/types';
import type { NpyArray } from '../convert/npy';
import type { ProviderRequest } from '../runtime/session';
import type { OrtSession } from '../runtime/session';

/** One comparison with the reference. */
export interface CheckResult {
  /** What was compared, e.g. 'clip_local_last_hidden_state'. */
  name: string;
  /** Largest |ours − reference| over the tensor (NaN positions must match); null for exact-only checks. */
  maxAbsError: number | null;
  /** Allowed max abs error (0 for exact checks). */
  tolerance: number;
  /** True when the values must be equal (codes, tokens). */
  exact: boolean;
  pass: boolean;
  /** Extra information, e.g. the first mismatching index. */
  detail?: string;
}

/** The parsed index.json of a fixture folder (only the parts the driver needs are typed). */
export interface FixtureIndex {
  tensors: Record<string, { file: string; shape: number[]; dtype: string; [k: string]: unknown }>;
  tiny_lm?: Record<string, unknown>;
  tiny_clip_vision?: Record<string, unknown>;
  tiny_codec?: Record<string, unknown>;
  batch?: { B: number; T_local: number; T_global: number };
  [k: string]: unknown;
}

/** What every check receives: the fixture folder, its index, the converted bundle and a tensor loader. */
export interface ReferenceContext {
  fixtureDir: string;
  index: FixtureIndex;
  /** Folder of the bundle converted from the fixture's checkpoint. */
  bundleDir: string;
  manifest: BundleManifest;
  /** True when index.json lists the tensor (checks skip what a fixture set does not have). */
  has(name: string): boolean;
  /** Loads a reference tensor by its index.json key (e.g. 'video_emb'); cached. */
  npy(name: string): NpyArray;
  /** The execution provider every graph is run on (tolerances are the same on every provider). */
  provider: ProviderRequest;
  /** Sessions already loaded, by graph file, reused across checks and released at the end of the run. */
  sessions: Map<string, OrtSession>;
}

/** A group of checks; returns one result per comparison. */
export type ReferenceCheck = (ctx: ReferenceContext) => Promise<CheckResult[]>;

/** Tolerances of the fixture README for an fp32 re-implementation. */
export const TOLERANCE = {
  pixelValues: 1e-6,
  clip: 1e-4,
  lstv: 1e-4,
  videoEmb: 1e-4,
  logits: 1e-4,
  waveform: 1e-5,
} as const;
