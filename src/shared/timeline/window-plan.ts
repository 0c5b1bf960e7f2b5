// Cuts a video's soundtrack into generation windows, in integer samples at the codec's sample rate.
// Window starts and lengths are whole codec frames (hop samples) so a window's codes map to its audio exactly;
// only the last window is clipped to the video's end, and its codes are then cut to that length.
import { AppError } from '../errors';
import type { SampleRange } from '../time';
import { secondsToSamples } from '../time';

/** One window: its audio range and the codec frames generated for it. */
export interface PlannedWindow extends SampleRange {
  index: number;
  /** Codec frames to generate: ceil((end − start) / hop); the audio is cut to end − start. */
  codecFrames: number;
}

/** A window plan covering [0, totalSamples). */
export interface WindowPlan {
  totalSamples: number;
  sampleRate: number;
  hopLength: number;
  /** Window length L and overlap O, whole hops. */
  windowSamples: number;
  overlapSamples: number;
  windows: PlannedWindow[];
}

/** Geometry the planner needs: the codec's sample rate and hop, and the model's longest window. */
export interface PlanGeometry {
  sampleRate: number;
  hopLength: number;
  maxWindowSeconds: number;
}

/** Requested window length and overlap in seconds (edges only; turned into whole hops here). */
export interface PlanRequest {
  windowSeconds: number;
  overlapSeconds: number;
}

/** Plans windows of length L = min(request, max) and overlap O over a video of totalSamples samples. */
export function planWindows(totalSamples: number, geo: PlanGeometry, req: PlanRequest): WindowPlan {
  const { sampleRate: sr, hopLength: hop } = geo;
  if (!Number.isSafeInteger(totalSamples) || totalSamples < 1)
    throw new AppError('empty-media', `Nothing to score: the video is ${totalSamples} samples long`);
  if (!(req.windowSeconds > 0))
    throw new AppError('invalid-input', `Window length must be > 0 s, got ${req.windowSeconds}`);
  if (!(req.overlapSeconds >= 0))
    throw new AppError('invalid-input', `Overlap must be ≥ 0 s, got ${req.overlapSeconds}`);
  const maxHops = Math.floor(secondsToSamples(geo.maxWindowSeconds, sr) / hop);
  const hops = Math.min(maxHops, Math.floor(secondsToSamples(req.windowSeconds, sr) / hop));
  if (hops < 1)
    throw new AppError('invalid-input', `Window of ${req.windowSeconds} s is shorter than one codec frame`);
  const overlapHops = Math.round(secondsToSamples(req.overlapSeconds, sr) / hop);
  if (overlapHops >= hops)
    throw new AppError(
      'invalid-input',
      `Overlap (${req.overlapSeconds} s) must be shorter than the window (${(hops * hop) / sr} s)`,
    );
  const L = hops * hop;
  const stride = (hops - overlapHops) * hop;
  const count = totalSamples <= L ? 1 : 1 + Math.ceil((totalSamples - L) / stride);
  const windows: PlannedWindow[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * stride;
    const end = Math.min(start + L, totalSamples);
    windows.push({ index: i, start, end, codecFrames: Math.ceil((end - start) / hop) });
  }
  return {
    totalSamples,
    sampleRate: sr,
    hopLength: hop,
    windowSamples: L,
    overlapSamples: overlapHops * hop,
    windows,
  };
}

/** The overlap between window i and window i + 1 as a sample range (empty when they only touch). */
export function seamOf(plan: WindowPlan, i: number): SampleRange {
  const a = plan.windows[i];
  const b = plan.windows[i + 1];
  if (!a || !b) throw new RangeError(`no seam after window ${i} of ${plan.windows.length}`);
  return { start: b.start, end: Math.min(a.end, b.end) };
}
