// The analyse stage: CLIP features of every frame of a video, computed once and then read from the
// feature cache, keyed by the video's content, the bundle's visual encoder and the preprocessing.
import type { JobOptions } from '../../shared/progress';
import { secondsToSamples } from '../../shared/time';
import type { FeatureCache } from '../cache/feature-cache';
import type { FeatureTensor } from '../cache/feature-file';
import type { FeatureKeyParts } from '../cache/feature-key';
import { featureKey } from '../cache/feature-key';
import { hashFileCached } from '../cache/hash-file';
import { extractFrames } from '../frames/extract-frames';
import { frameSpecOf } from '../frames/frame-spec';
import { blackFrames } from '../frames/normalize';
import { probeVideo } from '../frames/probe-video';
import { encodeFrames } from './encode-frames';
import type { Engine } from './engine';

/** A video ready for window generation: its per-frame CLIP features and its length in samples. */
export interface AnalysedVideo {
  videoHash: string;
  /** Soundtrack length: the video stream's duration at the codec's sample rate. */
  totalSamples: number;
  /** CLIP last_hidden_state of every frame [frames, tokens, hidden]; frame i shows time i / fps. */
  features: FeatureTensor;
  /** True when the features came from the cache (no frame decoding, no CLIP). */
  cached: boolean;
}

/** Cache key parts of a video (or of a synthetic input such as the null condition) for this engine. */
export function keyPartsOf(engine: Engine, videoHash: string): FeatureKeyParts {
  const v = engine.manifest.video;
  return {
    videoHash,
    bundleId: engine.manifest.id,
    visualGraphSha256: engine.visualIdentity,
    preprocessing: { ...frameSpecOf(engine.manifest), mean: v.mean, std: v.std },
  };
}

/**
 * Analyses a video: probe, hash, then features from the cache or from ffmpeg + CLIP (stored for next time).
 * `knownHash` is the hex sha256 of the video's bytes when the caller has it already (the studio hashed the
 * video on import), so the file is not read again to hash it for every window.
 */
export async function analyseVideo(
  engine: Engine,
  videoPath: string,
  cache: FeatureCache,
  opts: JobOptions = {},
  knownHash?: string,
): Promise<AnalysedVideo> {
  const info = await probeVideo(videoPath, opts.signal);
  const videoHash = knownHash ?? (await hashFileCached(videoPath, opts.signal));
  const key = featureKey(keyPartsOf(engine, videoHash));
  let cached = true;
  const features = await cache.getOrCompute(key, async () => {
    cached = false;
    const frames = await extractFrames(videoPath, frameSpecOf(engine.manifest), opts);
    engine.stats.clipFrames += frames.count;
    return encodeFrames(engine.visual, frames, engine.manifest.video, opts);
  });
  const fromFrames = Math.ceil(
    (features.dims[0]! / engine.manifest.video.fps) * engine.manifest.audio.sampleRate,
  );
  const seconds =
    info.durationSeconds > 0
      ? secondsToSamples(info.durationSeconds, engine.manifest.audio.sampleRate)
      : fromFrames;
  return { videoHash, totalSamples: seconds, features, cached };
}

/** CLIP features of one all-black frame (the null condition of guidance), computed once per bundle. */
export async function nullFeatures(
  engine: Engine,
  cache: FeatureCache,
  opts: JobOptions = {},
): Promise<FeatureTensor> {
  const key = featureKey(keyPartsOf(engine, 'null-condition:black-frame'));
  return cache.getOrCompute(key, () => {
    engine.stats.clipFrames += 1;
    return encodeFrames(engine.visual, blackFrames(frameSpecOf(engine.manifest), 1), engine.manifest.video, {
      signal: opts.signal,
    });
  });
}
