// Handlers of the jobs the production inference host serves (their types are the client's: client/jobs.ts).
// The host keeps one engine (the sessions of one bundle) loaded between jobs, and the feature cache on disk
// makes re-analysis free.
import { FeatureCache } from '../cache/feature-cache';
import type { AnalysedVideo } from '../pipeline/analyse-video';
import { analyseVideo } from '../pipeline/analyse-video';
import { windowContext } from '../pipeline/global-features';
import type { Engine } from '../pipeline/engine';
import { generateWindow } from '../pipeline/generate-window';
import { decodeAudio, DECODE_PIECES } from '../pipeline/decode-audio';
import { PieceCache } from '../pipeline/piece-cache';
import { scoreVideo } from '../pipeline/score-video';
import { convertBundle } from '../convert/convert';
import type { EngineRef, InferenceJobs } from '../client/jobs';
import { chooseProvider } from '../runtime/providers';
import { EnginePool } from './engine-pool';
import type { Handlers } from './serve-host';

// One engine pool per host (thread or process): the handlers and shutdownInference share it.
const pool = new EnginePool();
// Decoded pieces of long streams per engine, so decoding an edited run again decodes only its changed pieces.
const pieceCaches = new WeakMap<Engine, PieceCache>();
const piecesOf = (engine: Engine): PieceCache => {
  let c = pieceCaches.get(engine);
  if (!c) pieceCaches.set(engine, (c = new PieceCache()));
  return c;
};

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
    videoHash: string | undefined,
    opts: Parameters<typeof analyseVideo>[3],
    globalFrames?: number,
  ) => {
    const cache = cacheFor(ref.cacheDir);
    const before = engine.stats.clipFrames;
    const video: AnalysedVideo = await analyseVideo(engine, videoPath, cache, opts, videoHash);
    const ctx = await windowContext(engine, video, videoPath, cache, globalFrames, opts);
    return { ...ctx, clipFrames: () => engine.stats.clipFrames - before };
  };
  return {
    ping: async ({ echo }) => ({ echo }),
    analyse: ({ engine: ref, videoPath, videoHash }, opts) =>
      pool.use(ref.modelDir, ref.options, async (engine) => {
        const a = await analysed(engine, ref, videoPath, videoHash, opts);
        const v = a.video;
        return {
          videoHash: v.videoHash,
          totalSamples: v.totalSamples,
          frames: v.features.dims[0]!,
          cached: v.cached,
          clipFrames: a.clipFrames(),
        };
      }),
    generateWindow: ({ engine: ref, videoPath, videoHash, range, params, prompt, promptPcm }, opts) =>
      pool.use(ref.modelDir, ref.options, async (engine) => {
        const a = await analysed(engine, ref, videoPath, videoHash, opts, params.globalFrames);
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
    provider: ({ request }) => chooseProvider(request),
    decodeCodes: ({ engine: ref, codes, samples }) =>
      pool.use(ref.modelDir, ref.options, async (engine) => ({
        pcm: await decodeAudio(
          engine.codec,
          codes,
          engine.manifest.audio.codebooks,
          samples,
          DECODE_PIECES,
          piecesOf(engine),
        ),
      })),
  };
}
