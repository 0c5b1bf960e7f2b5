// A window plan whose seams sit on the picture's cuts. Seams are placed by their start s (the next window's
// start); the overlap [s, s + O) is centred on a cut when s = cut − O/2, snapped to a whole codec frame. A
// window between seam starts a and b is b − a + O long, so every gap between consecutive seam starts (the video's
// start and T − O count as seam starts) must lie in [min − O, max − O]. The planner picks the set of cuts that
// puts the most seams on cuts under that rule (a shortest-path over the cuts), and fills gaps longer than the
// rule allows with seams at the ordinary stride, or evenly when the stride would leave a window too short.
import { AppError } from '../errors';
import type { SampleRange } from '../time';
import type { WindowPlan } from './window-plan';

/** The ordinary plan the scene plan starts from: the fields of a WindowPlan it reads. */
export type OrdinaryPlan = Pick<
  WindowPlan,
  'totalSamples' | 'hopLength' | 'windowSamples' | 'overlapSamples' | 'windows'
>;

/** The shortest window a scene plan makes (unless the ordinary windows are shorter still). */
export const SCENE_MIN_WINDOW_SECONDS = 8;

/** Limits of a scene plan's windows, in samples. */
export interface SceneLimits {
  minWindowSamples: number;
  maxWindowSamples: number;
}

/** A plan at cuts: its windows and, per seam, the cut it is centred on (null for a seam at the stride). */
export interface ScenePlan {
  windows: SampleRange[];
  seamCuts: (number | null)[];
}

interface Geometry {
  hop: number;
  overlap: number;
  stride: number;
  /** Smallest and largest gap between consecutive seam starts. */
  gapMin: number;
  gapMax: number;
  /** The last seam start the video allows: the last window is T − end long. */
  end: number;
}

function geometryOf(plan: OrdinaryPlan, limits: SceneLimits): Geometry {
  const hop = plan.hopLength;
  const overlap = plan.overlapSamples;
  const minWindow = Math.min(limits.minWindowSamples, plan.windowSamples);
  const maxWindow = Math.floor(limits.maxWindowSamples / hop) * hop;
  if (maxWindow < plan.windowSamples)
    throw new AppError(
      'invalid-input',
      `Windows of ${plan.windowSamples} samples exceed the model's maximum`,
    );
  const gapMin = Math.max(hop, Math.ceil((minWindow - overlap) / hop) * hop);
  return {
    hop,
    overlap,
    stride: plan.windowSamples - overlap,
    gapMin,
    gapMax: maxWindow - overlap,
    end: plan.totalSamples - overlap,
  };
}

/** The seam start that centres the overlap on `cut`, on a whole codec frame. */
const seamStartFor = (cut: number, g: Geometry): number => Math.round((cut - g.overlap / 2) / g.hop) * g.hop;

/** Seam starts strictly inside (a, b) that bring every gap of [a, b] within the limits. */
function fill(a: number, b: number, g: Geometry): number[] {
  const d = b - a;
  if (d <= g.gapMax) return [];
  const atStride = Math.ceil(d / g.stride) - 1;
  if (d - atStride * g.stride >= g.gapMin)
    return Array.from({ length: atStride }, (_, k) => a + (k + 1) * g.stride);
  const parts = Math.ceil(d / g.gapMax);
  return Array.from({ length: parts - 1 }, (_, k) => a + Math.round(((k + 1) * d) / parts / g.hop) * g.hop);
}

/** How many seams fill() puts into a gap of d samples (without building them). */
function fillCount(d: number, g: Geometry): number {
  if (d <= g.gapMax) return 0;
  const atStride = Math.ceil(d / g.stride) - 1;
  return d - atStride * g.stride >= g.gapMin ? atStride : Math.ceil(d / g.gapMax) - 1;
}

/** Candidate seam starts at cuts, one per cut that a seam can be centred on, in order. */
function candidates(cuts: readonly number[], g: Geometry): { start: number; cut: number }[] {
  const out: { start: number; cut: number }[] = [];
  for (const cut of [...cuts].sort((x, y) => x - y)) {
    const start = seamStartFor(cut, g);
    if (start < g.gapMin || g.end - start < g.gapMin) continue;
    if (out.length > 0 && out[out.length - 1].start === start) continue;
    out.push({ start, cut });
  }
  return out;
}

/** Picks the cuts to seam at: the most cuts, then the fewest windows (dynamic programming over the cuts). */
function chooseCuts(nodes: number[], g: Geometry): number[] {
  const n = nodes.length;
  const best: { cuts: number; windows: number; prev: number }[] = [{ cuts: 0, windows: 0, prev: -1 }];
  for (let i = 1; i < n; i++) {
    let pick = { cuts: -1, windows: Infinity, prev: -1 };
    for (let j = 0; j < i; j++) {
      const from = best[j];
      if (from.cuts < 0 || nodes[i] - nodes[j] < g.gapMin) continue;
      const cuts = from.cuts + (i < n - 1 ? 1 : 0);
      const windows = from.windows + fillCount(nodes[i] - nodes[j], g) + 1;
      if (cuts > pick.cuts || (cuts === pick.cuts && windows < pick.windows))
        pick = { cuts, windows, prev: j };
    }
    best.push(pick);
  }
  const path: number[] = [];
  for (let i = n - 1; i >= 0; i = best[i].prev) path.unshift(i);
  return path;
}

/** Plans windows with seams centred on cuts (sample positions); without a usable cut, the ordinary plan. */
export function planAtCuts(plan: OrdinaryPlan, cuts: readonly number[], limits: SceneLimits): ScenePlan {
  const g = geometryOf(plan, limits);
  const cand = candidates(cuts, g);
  if (cand.length === 0 || g.end < g.gapMin) return ordinary(plan);
  const nodes = [0, ...cand.map((c) => c.start), g.end];
  const path = chooseCuts(nodes, g);
  const starts: number[] = [];
  const seamCuts: (number | null)[] = [];
  for (let k = 1; k < path.length; k++) {
    const a = nodes[path[k - 1]];
    const b = nodes[path[k]];
    for (const s of fill(a, b, g)) {
      starts.push(s);
      seamCuts.push(null);
    }
    if (path[k] < nodes.length - 1) {
      starts.push(b);
      seamCuts.push(cand[path[k] - 1].cut);
    }
  }
  return { windows: windowsFromStarts(starts, plan.totalSamples, g.overlap), seamCuts };
}

function ordinary(plan: OrdinaryPlan): ScenePlan {
  return {
    windows: plan.windows.map((w) => ({ start: w.start, end: w.end })),
    seamCuts: plan.windows.slice(1).map(() => null),
  };
}

/** Windows from their seam starts: window i runs from seam i − 1's start to the end of seam i's overlap. */
export function windowsFromStarts(starts: readonly number[], total: number, overlap: number): SampleRange[] {
  const out: SampleRange[] = [];
  let from = 0;
  for (const s of starts) {
    out.push({ start: from, end: s + overlap });
    from = s;
  }
  out.push({ start: from, end: total });
  return out;
}

/** A window plan with the scene plan's windows in place of the ordinary ones (codec frames per window). */
export function withSceneWindows(plan: WindowPlan, scene: ScenePlan): WindowPlan {
  const windows = scene.windows.map((w, index) => ({
    index,
    start: w.start,
    end: w.end,
    codecFrames: Math.ceil((w.end - w.start) / plan.hopLength),
  }));
  return { ...plan, windows };
}

/** What moving a seam needs: the plan's hop and overlap, the window limits and the rate (for messages). */
export interface SeamMove extends SceneLimits {
  hopLength: number;
  overlapSamples: number;
  sampleRate: number;
}

/** The windows with seam `index` centred on `cut`; refuses a move that leaves a window outside the limits. */
export function moveSeamToCut(
  windows: readonly SampleRange[],
  index: number,
  cut: number,
  m: SeamMove,
): SampleRange[] {
  const a = windows[index];
  const b = windows[index + 1];
  if (!a || !b) throw new AppError('invalid-input', `There is no seam ${index + 1}.`);
  const s = Math.round((cut - m.overlapSamples / 2) / m.hopLength) * m.hopLength;
  const left = s + m.overlapSamples - a.start;
  const right = b.end - s;
  const fits = (n: number): boolean => n >= m.minWindowSamples && n <= m.maxWindowSamples;
  if (!fits(left) || !fits(right)) {
    const sec = (n: number): string => (n / m.sampleRate).toFixed(1);
    throw new AppError(
      'invalid-input',
      `A seam at ${sec(cut)} s would make windows of ${sec(left)} s and ${sec(right)} s; ` +
        `each must be ${sec(m.minWindowSamples)}–${sec(m.maxWindowSamples)} s.`,
    );
  }
  return windows.map((w, i) =>
    i === index
      ? { start: w.start, end: s + m.overlapSamples }
      : i === index + 1
        ? { start: s, end: w.end }
        : { ...w },
  );
}
