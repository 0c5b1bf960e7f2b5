// The key of cached CLIP features: what the features depend on, and nothing else.
import { createHash } from 'node:crypto';

/** Everything CLIP features depend on. */
export interface FeatureKeyParts {
  /** sha256 of the video's bytes, or a fixed tag for synthetic inputs such as the null (black) condition. */
  videoHash: string;
  bundleId: string;
  /** sha256 of the visual encoder graph (and its weights) that produced the features. */
  visualGraphSha256: string;
  /** Frame extraction and normalisation parameters. */
  preprocessing: {
    fps: number;
    width: number;
    height: number;
    mean: readonly number[];
    std: readonly number[];
  };
  /** Which frames, when not the frames at the bundle's rate (e.g. 'global-native:32'). */
  selection?: string;
}

/** Hex sha256 of the key parts in a fixed field order. */
export function featureKey(p: FeatureKeyParts): string {
  const pre = p.preprocessing;
  const canonical = JSON.stringify([
    'vidmuse-features-2', // 2: frame k is the frame shown at k/fps, resized as torchvision does
    p.videoHash,
    p.bundleId,
    p.visualGraphSha256,
    [pre.fps, pre.width, pre.height, [...pre.mean], [...pre.std]],
    ...(p.selection === undefined ? [] : [p.selection]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
