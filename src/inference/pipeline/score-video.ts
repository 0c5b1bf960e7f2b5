// Scoring a whole video: analyse once, plan windows, generate every window (each later window prompted
// with the previous take's codes over their overlap so the seam follows the music), and return the takes.
import { OFFICIAL_SAMPLING } from '../../shared/generation-defaults';
import { promptFrames, takeSeed } from '../../shared/generation-rules';
import type { JobOptions } from '../../shared/progress';
import type { FeatureCache } from '../cache/feature-cache';
import type { WindowPlan } from '../../shared/timeline/window-plan';
import { planWindows } from '../../shared/timeline/window-plan';
import { planAtCuts, SCENE_MIN_WINDOW_SECONDS, withSceneWindows } from '../../shared/timeline/scene-plan';
import { secondsToSamples } from '../../shared/time';
import type { AnalysedVideo } from './analyse-video';
import { analyseVideo } from './analyse-video';
import { windowContext } from './global-features';
import type { Engine } from './engine';
import type { PromptCodes, TakeParams, WindowTake } from './generate-window';
import { codeColumns } from '../../shared/timeline/code-columns';
import { generateWindow } from './generate-window';

/** What to score and how. */
export interface ScoreRequest {
  videoPath: string;
  /** Window length and overlap in seconds (defaults: the bundle's generation settings). */
  windowSeconds?: number;
  overlapSeconds?: number;
  /** Sampling and guidance; missing fields take the bundle's generation defaults (seed 0). */
  params: Partial<TakeParams>;
  /** Prompt each window with the previous take's overlap codes (default true). */
  continuation?: boolean;
  /** Seconds of the overlap that prompt the next window; 0 or absent: the whole overlap. */
  continuationSeconds?: number;
  /** Cuts of the picture, in seconds: when given, seams are centred on them (the scene plan). */
  cutSeconds?: number[];
}

/** The takes of a scored video, one per planned window. */
export interface ScoreResult {
  plan: WindowPlan;
  takes: WindowTake[];
  /** Per take, the codec frames of the previous take that prompted it (0: none); its columns start at the overlap. */
  promptFrames: number[];
  /** Per seam, the cut (sample position) it is centred on, or null; empty without cuts. */
  seamCuts: (number | null)[];
  /** Whether CLIP features came from the cache. */
  featuresCached: boolean;
  provider: string;
  /** Why that provider, e.g. "auto: no GPU device found". */
  providerReason: string;
  /** The decoder precision that ran, e.g. "q8". */
  precision: string;
}

/** Scores a video window by window; window i's seed follows the shared rule (params.seed + i). */
export async function scoreVideo(
  engine: Engine,
  cache: FeatureCache,
  req: ScoreRequest,
  opts: JobOptions = {},
): Promise<ScoreResult> {
  const m = engine.manifest;
  const video: AnalysedVideo = await analyseVideo(engine, req.videoPath, cache, opts);
  const { seamCuts, ...plan } = scorePlan(m, video.totalSamples, req);
  const params = withDefaults(req.params);
  const ctx = await windowContext(engine, video, req.videoPath, cache, params.globalFrames, opts);
  const takes: WindowTake[] = [];
  const promptFrames: number[] = [];
  for (const w of plan.windows) {
    const prev = takes[takes.length - 1];
    const prompt =
      req.continuation === false || !prev
        ? undefined
        : overlapPrompt(prev, w.start, m.audio.hopLength, m.audio.sampleRate, req.continuationSeconds ?? 0);
    promptFrames.push(prompt ? Math.min(prompt.frames, w.codecFrames - 1) : 0);
    const take = await generateWindow(
      engine,
      ctx,
      w,
      { ...params, seed: takeSeed(params.seed, w.index, 0) },
      {
        signal: opts.signal,
        onProgress: opts.onProgress,
        prompt,
        detail: `window ${w.index + 1} of ${plan.windows.length}`,
      },
    );
    takes.push(take);
  }
  return {
    plan,
    takes,
    promptFrames,
    seamCuts,
    featuresCached: video.cached,
    provider: engine.provider,
    providerReason: engine.providerReason,
    precision: engine.decoder.variant,
  };
}

/** The ordinary plan, or with cuts the scene plan (windows of 8 s up to the model's maximum). */
function scorePlan(
  m: Engine['manifest'],
  total: number,
  req: ScoreRequest,
): WindowPlan & { seamCuts: (number | null)[] } {
  const sr = m.audio.sampleRate;
  const plan = planWindows(
    total,
    { sampleRate: sr, hopLength: m.audio.hopLength, maxWindowSeconds: m.video.maxWindowSeconds },
    {
      windowSeconds: req.windowSeconds ?? m.generation.windowSeconds,
      overlapSeconds: req.overlapSeconds ?? m.generation.overlapSeconds,
    },
  );
  if (!req.cutSeconds) return { ...plan, seamCuts: [] };
  const cuts = req.cutSeconds.map((c) => secondsToSamples(c, sr));
  const scene = planAtCuts(plan, cuts, {
    minWindowSamples: secondsToSamples(SCENE_MIN_WINDOW_SECONDS, sr),
    maxWindowSamples: secondsToSamples(m.video.maxWindowSeconds, sr),
  });
  return { ...withSceneWindows(plan, scene), seamCuts: scene.seamCuts };
}

/** The previous take's codes from `start` over the overlap (or `seconds` of it): what the next window starts with. */
function overlapPrompt(
  prev: WindowTake,
  start: number,
  hop: number,
  sampleRate: number,
  seconds: number,
): PromptCodes | undefined {
  const from = (start - prev.range.start) / hop;
  const overlap = prev.codecFrames - from;
  if (overlap <= 0) return undefined;
  const count = promptFrames(overlap, seconds, sampleRate, hop);
  return codeColumns(prev.codes, prev.codebooks, from, count);
}

/** Take parameters with the official sampling defaults for every field not given. */
export function withDefaults(p: Partial<TakeParams>): TakeParams {
  const g = OFFICIAL_SAMPLING;
  return {
    seed: p.seed ?? 0,
    temperature: p.temperature ?? g.temperature,
    topK: p.topK ?? g.topK,
    topP: p.topP ?? g.topP,
    cfgCoef: p.cfgCoef ?? g.cfgCoef,
    ...(p.globalFrames === undefined ? {} : { globalFrames: p.globalFrames }),
  };
}
