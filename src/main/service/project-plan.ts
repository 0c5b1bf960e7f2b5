// A project's window plan from the user's settings in samples, cut by the inference planner so window
// lengths and starts are whole codec frames (a window's codes map to its audio exactly).
import type { PlanSettings } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SampleRange } from '../../shared/time';
import { secondsToSamples } from '../../shared/time';
import { planAtCuts, SCENE_MIN_WINDOW_SECONDS } from '../../shared/timeline/scene-plan';
import { planWindows } from '../../shared/timeline/window-plan';
import type { BundleSummary } from './bundles';

/** The snapped settings and the windows covering [0, total); with `cuts` (samples), seams centred on them. */
export function projectPlan(
  total: number,
  req: PlanSettings,
  bundle: BundleSummary | null,
  sampleRate: number,
  cuts: readonly number[] | null = null,
): { settings: PlanSettings; windows: SampleRange[] } {
  const geo = {
    sampleRate,
    hopLength: bundle?.hopLength ?? 640,
    maxWindowSeconds: bundle?.maxWindowSeconds ?? 30,
  };
  if (req.windowSamples < geo.hopLength)
    throw new AppError(
      'invalid-input',
      `A window must be at least one codec frame (${geo.hopLength} samples), got ${req.windowSamples}.`,
    );
  const plan = planWindows(total, geo, {
    windowSeconds: req.windowSamples / sampleRate,
    overlapSeconds: req.overlapSamples / sampleRate,
  });
  if (plan.windows.length > 10000)
    throw new AppError(
      'invalid-input',
      `That plan makes ${plan.windows.length} windows; use longer windows.`,
    );
  const limits = {
    minWindowSamples: secondsToSamples(SCENE_MIN_WINDOW_SECONDS, sampleRate),
    maxWindowSamples: secondsToSamples(geo.maxWindowSeconds, sampleRate),
  };
  return {
    settings: { windowSamples: plan.windowSamples, overlapSamples: plan.overlapSamples },
    windows: cuts
      ? planAtCuts(plan, cuts, limits).windows
      : plan.windows.map((w) => ({ start: w.start, end: w.end })),
  };
}
