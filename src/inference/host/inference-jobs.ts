// The jobs the production inference host serves, and their handlers. The host keeps one engine (the
// sessions of one bundle) loaded between jobs, and the feature cache on disk makes re-analysis free.
import type { SampleRange } from '../../shared/time';
import { FeatureCache } from '../cache/feature-cache';
import type { AnalysedVideo } from '../pipeline/analyse-video';
import { analyseVideo } from '../pipeline/analyse-video';
import { windowContext } from '../pipeline/global-features';
import type { EngineOptions } from '../pipeline/engine';
import type { Engine } from '../pipeline/engine';
import type { PromptCodes, TakeParams, WindowTake } from '../pipeline/generate-window';
import { generateWindow } from '../pipeline/generate-window';
import { decodeAudio } from '../pipeline/decode-audio';
import type { ScoreRequest, ScoreResult } from '../pipeline/score-video';
import { scoreVideo } from '../pipeline/score-video';
import { convertBundle } from '../convert/convert';
import type { JobSpec } from '../client/protocol';
import { EnginePool } from './engine-pool';
import type { Handlers } from './serve-host';

/** Which bundle to run, how, and where its feature cache lives. */
export interface EngineRef {
  modelDir: string;
  cacheDir: string;
  options?: EngineOptions;
}

/** What analysing a video tells the caller. */
export interface AnalyseSummary {
  videoHash: string;
  totalSamples: number;
  frames: number;
  /** True when the features came from the cache. */
  cached: boolean;
  /** Frames run through CLIP by this job (0 when cached). */
  clipFrames: number;
}

/** Job kinds of the inference host. */
export interface InferenceJobs {
  ping: JobSpec<{ echo: string }, { echo: string }>;
  analyse: JobSpec<{ engine: EngineRef; videoPath: string }, AnalyseSummary>;
  generateWindow: JobSpec<
    {
      engine: EngineRef;
      videoPath: string;
      range: SampleRange;
      params: TakeParams;
      /** Continuation: codes [K, P] the take starts with, or the PCM they encode (whole codec frames from range.start). */
      prompt?: PromptCodes;
      promptPcm?: Float32Array;
    },
    { take: WindowTake; clipFrames: number }
  >;
  score: JobSpec<{ engine: EngineRef; request: ScoreRequest }, ScoreResult & { clipFrames: number }>;
  /**
   * Converts the released checkpoint into a bundle in `outDir`, precision gate included: the gate runs the
   * bundle's graphs, so conversion belongs in the host, not in the process that serves the UI.
   */
  convert: JobSpec<
    { lmCheckpoint: string; codecDir: string; outDir: string; fp16: boolean; id: string },
    { outDir: string }
  >;
  /** One codec decode of codes [K, frames] (a joined run of takes), cut to `samples`. */
  decodeCodes: JobSpec<{ engine: EngineRef; codes: Int32Array; samples: number }, { pcm: Float32Array }>;
}

// One engine pool per host (thread or process): the handlers and shutdownInference share it.
const pool = new EnginePool();

/** Releases the host's engines (their onnxruntime sessions); pass it to serveHost as onShutdown. */
export const shutdownInference = (): Promise<void> => pool.dispose();

/** Handlers of the inference host, sharing one loaded engine. */
export function inferenceHandlers(): Handlers<InferenceJobs> {
  const caches = new Map<string, FeatureCache>();
  const cacheFor = (dir: string): FeatureCache => {
    let cache = caches.get(dir);
    if (!cache) {
      cache = new FeatureCache(dir);
      caches.set(dir, cache);
      // Temporary files of a host that died mid-write are removed once per folder and host.
      void cache.sweep().catch(() => undefined);
    }
    return cache;
  };
  const analysed = async (
    engine: Engine,
    ref: EngineRef,
    videoPath: string,
    opts: Parameters<typeof analyseVideo>[3],
    globalFrames?: number,
  ) => {
    const cache = cacheFor(ref.cacheDir);
    const before = engine.stats.clipFrames;
    const video: AnalysedVideo = await analyseVideo(engine, videoPath, cache, opts);
    const ctx = await windowContext(engine, video, videoPath, cache, globalFrames, opts);
    return { ...ctx, clipFrames: () => engine.stats.clipFrames - before };
  };
  return {
    ping: async ({ echo }) => ({ echo }),
    analyse: ({ engine: ref, videoPath }, opts) =>
      pool.use(ref.modelDir, ref.options, async (engine) => {
        const a = await analysed(engine, ref, videoPath, opts);
        const v = a.video;
        return {
          videoHash: v.videoHash,
          totalSamples: v.totalSamples,
          frames: v.features.dims[0]!,
          cached: v.cached,
          clipFrames: a.clipFrames(),
        };
      }),
    generateWindow: ({ engine: ref, videoPath, range, params, prompt, promptPcm }, opts) =>
      pool.use(ref.modelDir, ref.options, async (engine) => {
        const a = await analysed(engine, ref, videoPath, opts, params.globalFrames);
        const take = await generateWindow(engine, a, range, params, { ...opts, prompt, promptPcm });
        return { take, clipFrames: a.clipFrames() };
      }),
    score: ({ engine: ref, request }, opts) =>
      pool.use(ref.modelDir, ref.options, async (engine) => {
        const before = engine.stats.clipFrames;
        const result = await scoreVideo(engine, cacheFor(ref.cacheDir), request, opts);
        return { ...result, clipFrames: engine.stats.clipFrames - before };
      }),
    convert: async (input, opts) => {
      await convertBundle({ ...input, ...opts });
      return { outDir: input.outDir };
    },
    decodeCodes: ({ engine: ref, codes, samples }) =>
      pool.use(ref.modelDir, ref.options, async (engine) => ({
        pcm: await decodeAudio(engine.codec, codes, engine.manifest.audio.codebooks, samples),
      })),
  };
}
