// The long-term frames: G native frames at floor(linspace(0, n − 1, G)) over the whole video, as the official
// reader takes them (not from the 2 fps grid), through CLIP once and then from the feature cache.
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import type { FeatureCache } from '../cache/feature-cache';
import type { FeatureTensor } from '../cache/feature-file';
import { featureKey } from '../cache/feature-key';
import { frameSpecOf } from '../frames/frame-spec';
import { countVideoFrames, extractFramesAt } from '../frames/frames-at';
import { globalFrameIndices } from '../frames/global-indices';
import { probeVideo } from '../frames/probe-video';
import type { AnalysedVideo } from './analyse-video';
import { keyPartsOf, nullFeatures } from './analyse-video';
import { encodeFrames } from './encode-frames';
import type { Engine } from './engine';

/** Most global frames a take may ask for. */
export const MAX_GLOBAL_FRAMES = 256;

/** CLIP features [G, tokens, hidden] of the G global frames of a video (G defaults to the bundle's). */
export async function globalFeatures(
  engine: Engine,
  videoPath: string,
  videoHash: string,
  cache: FeatureCache,
  count: number = engine.manifest.video.globalFrames,
  opts: JobOptions = {},
): Promise<FeatureTensor> {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_GLOBAL_FRAMES)
    throw new AppError(
      'invalid-input',
      `Global frames must be a whole number from 1 to ${MAX_GLOBAL_FRAMES}, got ${count}`,
    );
  const key = featureKey({ ...keyPartsOf(engine, videoHash), selection: `global-native:${count}` });
  return cache.getOrCompute(key, async () => {
    const info = await probeVideo(videoPath, opts.signal);
    const n = await countVideoFrames(videoPath, info.streamIndex, opts.signal);
    const indices = globalFrameIndices(n, count);
    const frames = await extractFramesAt(videoPath, info, frameSpecOf(engine.manifest), indices, opts);
    engine.stats.clipFrames += frames.count;
    return encodeFrames(engine.visual, frames, engine.manifest.video, opts);
  });
}

/** What generating windows of an analysed video needs: its features, its global frames, the null frame. */
export async function windowContext(
  engine: Engine,
  video: AnalysedVideo,
  videoPath: string,
  cache: FeatureCache,
  globalFrames?: number,
  opts: JobOptions = {},
): Promise<{ video: AnalysedVideo; global: FeatureTensor; nullFrame: FeatureTensor }> {
  const global = await globalFeatures(engine, videoPath, video.videoHash, cache, globalFrames, opts);
  return { video, global, nullFrame: await nullFeatures(engine, cache, opts) };
}
