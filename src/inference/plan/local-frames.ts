// Which extracted frames condition a window: exactly the frames shown inside it. The reference instead
// conditions a short final window on frames from the start of the last 30 s; we do not copy that.
import type { SampleRange } from '../../shared/time';

/**
 * Indices of the frames i with start ≤ i / fps < end (in samples: i · sampleRate / fps), clipped to the
 * frames that exist; a window that holds no frame (shorter than a frame period, or past the last decoded
 * frame) gets the frame on screen at its start, so every window has at least one.
 */
export function localFrameIndices(
  range: SampleRange,
  fps: number,
  sampleRate: number,
  frameCount: number,
): number[] {
  if (frameCount < 1) throw new RangeError('no frames to choose from');
  // i · sr / fps ≥ start  ⇔  i ≥ start · fps / sr; compare in integers where fps is whole.
  const first = Math.ceil((range.start * fps) / sampleRate);
  const endExclusive = Math.ceil((range.end * fps) / sampleRate);
  const lo = Math.min(first, frameCount);
  const hi = Math.min(endExclusive, frameCount);
  if (hi <= lo) return [Math.min(Math.floor((range.start * fps) / sampleRate), frameCount - 1)];
  return Array.from({ length: hi - lo }, (_, k) => lo + k);
}
