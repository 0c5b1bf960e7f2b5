// `score` done the editor's way: the video becomes a project in a library (the one named with --library, kept
// for the editor, or a temporary one removed afterwards); the studio's generate jobs make every window with
// the editor's seed and continuation rules, and the studio's mixdown renders the music the export writes.
// The same video, settings and seed therefore give the same codes and audio here and in the editor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineOptions } from '../inference';
import { readManifest } from '../inference';
import type { SceneCut } from '../media/detect-cuts';
import type { Studio } from '../main/service';
import { editorEngineOptions } from '../main/bridge/inference-generator';
import { mixProject } from '../main/service/runners/export-job';
import type { InferenceProvider, ProjectState } from '../shared/domain';
import { AppError } from '../shared/errors';
import { secondsToSamples } from '../shared/time';
import type { ScoreArgs } from './commands/score-args';
import { followJobs, throwIfFailed } from './follow-jobs';
import type { ProgressBar } from './progress-bar';
import { withStudio } from './studio-session';

/** A scored project: its state, the rendered music (before loudness), and how it was made. */
export interface ScoredProject {
  state: ProjectState;
  music: Float32Array;
  /** Provider and precision the takes were made with, e.g. "cpu · q8". */
  runtime: string | null;
  provider: InferenceProvider | null;
  /** The cuts the seams were centred on (--scene-seams), and whether they came from the cache. */
  scene: { cuts: SceneCut[]; cached: boolean } | null;
}

/** Runs `fn` on a studio over --library or a temporary library that is removed afterwards. */
export async function withScoreStudio<T>(a: ScoreArgs, fn: (studio: Studio) => Promise<T>): Promise<T> {
  readManifest(a.modelDir); // a missing or broken bundle is named before any work
  const temp = a.library ? null : mkdtempSync(join(tmpdir(), 'vidmuse-score-'));
  const lib = { libraryDir: a.library ?? temp!, modelDirs: [a.modelDir], cacheDir: a.cacheDir };
  // The editor's engine options (threads, spinning), so the same inputs give the editor's codes.
  const engine: EngineOptions = {
    ...editorEngineOptions(),
    provider: a.provider,
    decoderVariant: a.precision,
    ...(a.threads ? { intraOpThreads: a.threads } : {}),
  };
  try {
    return await withStudio(lib, true, fn, engine);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** Makes the project, generates every window and renders its music. */
export async function scoreProject(
  studio: Studio,
  a: ScoreArgs,
  signal: AbortSignal,
  bar: ProgressBar,
): Promise<ScoredProject> {
  let s = await studio['project.openVideo']({ path: a.video });
  if (s.windows.some((w) => w.takes.length > 0))
    throw new AppError(
      'exists',
      `The library ${a.library} already has project "${s.name}" (${s.id}) for ${a.video}, with takes: ` +
        `use \`generate ${s.id}\` and \`export ${s.id}\`, or score into another library.`,
    );
  const bundleId = readManifest(a.modelDir).manifest.id;
  if (s.bundleId !== bundleId) s = await studio['project.setBundle']({ projectId: s.id, bundleId });
  s = await studio['project.setParams']({ projectId: s.id, params: paramsOf(a) });
  const scene = await planProject(studio, s, a, signal, bar);
  s = await studio['project.get']({ projectId: s.id });
  const n = s.windows.length;
  const jobs = await followJobs(
    studio,
    async () => (await studio['generate.windows']({ projectId: s.id, windowIndices: null })).jobIds,
    signal,
    bar,
    (_, i) => `window ${i + 1} of ${n}`,
  );
  throwIfFailed(jobs, (_, i) => `window ${i + 1} of ${n}`);
  s = await studio['project.get']({ projectId: s.id });
  const music = await mixProject(studio.context.music, s.id, { signal });
  const provider = await studio['models.provider']();
  return { state: s, music, runtime: jobs[0]?.progress?.detail ?? null, provider, scene };
}

/** The sampling settings given on the command line (the bundle's defaults for the rest). */
function paramsOf(a: ScoreArgs) {
  const given = {
    seed: a.seed,
    temperature: a.temperature,
    topK: a.topK,
    topP: a.topP,
    cfgCoef: a.cfg,
    globalFrames: a.globalFrames,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

/** Sets the window plan (at the video's cuts with --scene-seams: found, or read from the cache, first). */
async function planProject(
  studio: Studio,
  s: ProjectState,
  a: ScoreArgs,
  signal: AbortSignal,
  bar: ProgressBar,
): Promise<{ cuts: SceneCut[]; cached: boolean } | null> {
  const sr = s.sampleRate;
  const windowSamples = a.windowSeconds ? secondsToSamples(a.windowSeconds, sr) : s.plan.windowSamples;
  const overlapSamples =
    a.overlapSeconds !== undefined ? secondsToSamples(a.overlapSeconds, sr) : s.plan.overlapSamples;
  const known = studio.context.cuts.has(s.media.contentHash);
  await studio['project.setPlan']({
    projectId: s.id,
    windowSamples,
    overlapSamples,
    sceneSeams: a.sceneSeams,
  });
  if (!a.sceneSeams) return null;
  // Without cached cuts, a cuts job finds them and then switches the project to the plan at them.
  const pending = (await studio['jobs.list']())
    .filter(
      (j) => j.kind === 'cuts' && j.projectId === s.id && (j.status === 'queued' || j.status === 'running'),
    )
    .map((j) => j.id);
  const jobs = await followJobs(studio, () => Promise.resolve(pending), signal, bar);
  throwIfFailed(jobs, () => `finding the cuts of ${a.video}`);
  const cuts = studio.context.cuts.get(s.media.contentHash);
  if (!cuts) throw new AppError('internal', `The cuts of ${a.video} were not found.`);
  return { cuts, cached: known };
}
