// The project's music as export and playback render it: the selected take of every window; a run of windows
// joined by continuous seams is one codec decode of its joined codes (cached per run), the other seams
// crossfade with their curve and length. Without a codec decoder, or when a take's codes are missing, seams
// crossfade and say why.
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { mixdown } from '../../shared/timeline/mixdown';
import type { RunTake, SeamState } from '../../shared/timeline/continuity';
import { continuousRuns, seamState } from '../../shared/timeline/continuity';
import { runCodes, runCrossfades, type WindowRun } from '../../shared/timeline/run-clips';
import { runMixPlan, type SeamFade } from '../../shared/timeline/run-mix';
import { decodeWavFloat } from '../../shared/timeline/wav';
import type { Db } from '../store/database';
import type { FileStore } from '../store/file-store';
import { listSeams, listWindows, type WindowRow } from '../store/plans-repo';
import { getProject } from '../store/projects-repo';
import { getTakeWithProject, planSelections, type TakeRow } from '../store/takes-repo';
import { listBundles, type BundleSummary } from './bundles';
import { runKey, type RunCache } from './run-cache';

/** One codec decode of codes [K, frames] with a bundle's codec, cut to `samples`. */
export type CodeDecoder = (
  req: { bundlePath: string; codes: Int32Array; samples: number },
  opts: JobOptions,
) => Promise<Float32Array>;

/** Where the project's takes are and how joined codes are decoded (absent: every seam crossfades). */
export interface MusicSources {
  db: Db;
  files: FileStore;
  bundleDirs: string[];
  decoder?: CodeDecoder | null;
  /** Decoded runs kept between renders (absent: every render decodes its runs). */
  runs?: RunCache | null;
}

/** The project's windows with the take each plays, each seam's state and the runs they form. */
export interface ProjectRuns {
  sampleRate: number;
  totalSamples: number;
  windows: WindowRow[];
  takes: (TakeRow | undefined)[];
  states: SeamState[];
  runs: WindowRun[];
  seams: SeamFade[];
  bundle: BundleSummary | null;
}

const runTake = (files: FileStore, t: TakeRow | undefined): RunTake | null =>
  t
    ? {
        takeId: t.id,
        codesAvailable: existsSync(files.path(t.codes_hash, 'i32')),
        continued:
          t.continued_take_id !== null && t.continued_from !== null && t.continued_frames !== null
            ? { takeId: t.continued_take_id, fromFrame: t.continued_from, frames: t.continued_frames }
            : null,
      }
    : null;

function statesOf(
  src: MusicSources,
  windows: WindowRow[],
  takes: (TakeRow | undefined)[],
  hop: number | null,
) {
  return windows.slice(1).map((w, i): SeamState => {
    const st = seamState(
      windows[i]!,
      w,
      runTake(src.files, takes[i]),
      runTake(src.files, takes[i + 1]),
      hop ?? 1,
    );
    if (st.kind === 'continuous' && (hop === null || !src.decoder))
      return { kind: 'crossfade', reason: 'no-decoder' };
    return st;
  });
}

// The take each window plays: its selected take, or the one `overrides` names for it (audition).
function takesOf(
  db: Db,
  projectId: string,
  planId: string,
  windows: WindowRow[],
  overrides: ReadonlyMap<string, string>,
) {
  const sel = planSelections(db, planId);
  for (const id of overrides.keys())
    if (!windows.some((w) => w.id === id))
      throw new AppError('not-found', `Window ${id} is not in this project's plan.`);
  return windows.map((w) => {
    const id = overrides.get(w.id) ?? sel.get(w.id);
    const t = id ? getTakeWithProject(db, id) : undefined;
    if (id && (!t || t.project_id !== projectId || t.window_id !== w.id))
      throw new AppError('not-found', `Take ${id} is not a take of window ${w.idx + 1}.`);
    return t;
  });
}

/** The project's runs in its current plan; `overrides` plays other takes of some windows (by window id). */
export function projectRuns(
  src: MusicSources,
  projectId: string,
  overrides: ReadonlyMap<string, string> = new Map(),
): ProjectRuns {
  const p = getProject(src.db, projectId);
  const planId = p.plan_id ?? '';
  const windows = listWindows(src.db, planId);
  const takes = takesOf(src.db, projectId, planId, windows, overrides);
  const bundle = listBundles(src.bundleDirs).find((b) => b.id === p.bundle_id) ?? null;
  const states = statesOf(src, windows, takes, bundle?.hopLength ?? null);
  const seams = listSeams(src.db, planId).map((r) => ({
    start: r.start,
    end: r.end,
    lengthSamples: r.length_samples,
    curve: r.curve,
  }));
  const runs = continuousRuns(states);
  return {
    sampleRate: p.sample_rate,
    totalSamples: p.total_samples,
    windows,
    takes,
    states,
    runs,
    seams,
    bundle,
  };
}

/** Each seam's state in the project's current plan (continuous, or crossfaded and why). */
export function projectSeamStates(src: MusicSources, projectId: string): SeamState[] {
  return projectRuns(src, projectId).states;
}

function readCodes(files: FileStore, t: TakeRow): Int32Array {
  const bytes = readFileSync(files.path(t.codes_hash, 'i32'));
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The cache key of a run of several windows (its bundle, windows, takes and splits). */
export function projectRunKey(pr: ProjectRuns, run: WindowRun): string {
  const windows = [];
  const splits = [];
  for (let i = run.first; i <= run.last; i++) {
    const w = pr.windows[i]!;
    windows.push({ start: w.start, end: w.end, takeId: pr.takes[i]!.id });
    if (i < run.last) splits.push((pr.states[i] as { splitSample: number }).splitSample);
  }
  return runKey({ bundleId: pr.bundle!.id, bundlePath: pr.bundle!.path, windows, splits });
}

/** The one decode of a run of several continuous windows (from the run cache when it holds it). */
export function decodeRun(
  src: MusicSources,
  pr: ProjectRuns,
  run: WindowRun,
  opts: JobOptions = {},
): Promise<Float32Array> {
  const hop = pr.bundle!.hopLength;
  const takes = pr.takes as TakeRow[];
  const first = pr.windows[run.first]!;
  const samples = pr.windows[run.last]!.end - first.start;
  const decode = () => {
    const codesOf = (i: number) => readCodes(src.files, takes[i]!);
    // Codebooks per frame, from the first take's codes file and its length in frames.
    const codebooks = codesOf(run.first).length / Math.ceil(takes[run.first]!.length_samples / hop);
    const codes = runCodes(pr.windows, pr.states, run, { codebooks, hop, codesOf });
    return src.decoder!({ bundlePath: pr.bundle!.path, codes, samples }, opts);
  };
  return src.runs ? src.runs.pcm(projectRunKey(pr, run), pr.sampleRate, decode) : decode();
}

/** The selected takes of the project's current plan, rendered to the video's length (before loudness). */
export async function renderProjectMusic(
  src: MusicSources,
  projectId: string,
  opts: JobOptions = {},
): Promise<Float32Array> {
  const pr = projectRuns(src, projectId);
  pr.takes.forEach((t, i) => {
    if (!t)
      throw new AppError(
        'invalid-input',
        `Window ${i + 1} has no selected take; generate or pick one before exporting.`,
      );
  });
  const clips = [];
  for (const run of pr.runs) {
    const take = pr.takes[run.first]!;
    const pcm =
      run.first === run.last
        ? decodeWavFloat(readFileSync(src.files.path(take.audio_hash, 'wav'))).pcm
        : await decodeRun(src, pr, run, opts);
    clips.push({ startSample: pr.windows[run.first]!.start, pcm });
  }
  return mixdown(runMixPlan({ ...pr, clips, crossfades: runCrossfades(pr.runs) }));
}
