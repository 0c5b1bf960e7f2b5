// What the frame extractor produces, derived from a bundle's video preprocessing.
import type { BundleManifest } from '../bundle/types';

/** Sampling rate and picture size of extracted frames. */
export interface FrameSpec {
  /** Frames per second sampled from the video (the reference uses 2). */
  fps: number;
  /** Every whole frame is resized to width×height without keeping its aspect (as torchvision Resize((h, w))). */
  width: number;
  height: number;
}

/**
 * Decoded frames, uint8 RGB, layout [count, 3, height, width] (frame-major, then channel planes R, G, B,
 * then rows top to bottom): the `(b t) c h w` order the CLIP tower consumes. Frame i shows time i / fps.
 */
export interface Frames {
  spec: FrameSpec;
  count: number;
  data: Uint8Array;
}

/** The frame spec of a bundle. */
export const frameSpecOf = (m: BundleManifest): FrameSpec => ({
  fps: m.video.fps,
  width: m.video.imageSize,
  height: m.video.imageSize,
});

/** Bytes of one frame of a spec. */
export const frameBytes = (s: FrameSpec): number => 3 * s.width * s.height;

/** The frames [start, end) of a set, as a view (no copy). */
export function sliceFrames(f: Frames, start: number, end: number): Frames {
  const b = frameBytes(f.spec);
  return { spec: f.spec, count: end - start, data: f.data.subarray(start * b, end * b) };
}

/** Gathers frames by index into a new set (indices may repeat). */
export function gatherFrames(f: Frames, indices: readonly number[]): Frames {
  const b = frameBytes(f.spec);
  const data = new Uint8Array(indices.length * b);
  indices.forEach((idx, i) => {
    if (!Number.isInteger(idx) || idx < 0 || idx >= f.count)
      throw new RangeError(`frame index ${idx} outside 0..${f.count - 1}`);
    data.set(f.data.subarray(idx * b, (idx + 1) * b), i * b);
  });
  return { spec: f.spec, count: indices.length, data };
}
