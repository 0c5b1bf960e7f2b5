import { describe, expect, it } from 'vitest';
import { planWindows } from '../../../src/shared/timeline/window-plan';
import { planAtCuts } from '../../../src/shared/timeline/scene-plan';
import type { ScenePlan } from '../../../src/shared/timeline/scene-plan';

const SR = 32000;
const HOP = 640;
const geo = { sampleRate: SR, hopLength: HOP, maxWindowSeconds: 30 };
const limits = { minWindowSamples: 8 * SR, maxWindowSamples: 30 * SR };
const ordinary = (seconds: number, window = 30, overlap = 2) =>
  planWindows(seconds * SR, geo, { windowSeconds: window, overlapSeconds: overlap });

/** Centre of seam i (the overlap between window i and i + 1), in seconds. */
const seamCentres = (p: ScenePlan): number[] =>
  p.windows.slice(1).map((w, i) => (w.start + p.windows[i].end) / 2 / SR);

/** Checks the invariants every plan keeps: contiguous cover, whole-hop starts, constant overlap, limits. */
function expectWellFormed(p: ScenePlan, totalSeconds: number, overlap = 2): void {
  expect(p.windows[0].start).toBe(0);
  expect(p.windows.at(-1)!.end).toBe(totalSeconds * SR);
  expect(p.seamCuts).toHaveLength(p.windows.length - 1);
  p.windows.forEach((w, i) => {
    expect(w.start % HOP).toBe(0);
    expect(w.end - w.start).toBeLessThanOrEqual(30 * SR);
    if (i > 0) expect(p.windows[i - 1].end - w.start).toBe(overlap * SR);
  });
}

describe('planAtCuts', () => {
  it('centres a seam on each cut, within 10 ms, and keeps every window within 8–30 s', () => {
    const cuts = [13.37, 27.9, 49.02, 61.5];
    const p = planAtCuts(
      ordinary(90),
      cuts.map((c) => Math.round(c * SR)),
      limits,
    );
    expectWellFormed(p, 90);
    for (const c of cuts) expect(Math.min(...seamCentres(p).map((m) => Math.abs(m - c)))).toBeLessThan(0.011);
    for (const w of p.windows) expect(w.end - w.start).toBeGreaterThanOrEqual(8 * SR);
    expect(p.seamCuts.filter((c) => c !== null)).toEqual(cuts.map((c) => Math.round(c * SR)));
  });

  it('gives a scene longer than the maximum extra seams at the ordinary stride', () => {
    const p = planAtCuts(ordinary(120), [10 * SR, 100 * SR], limits);
    expectWellFormed(p, 120);
    // seam starts 9 s (cut), then +28 s strides: 37, 65, 93 (its window is 8 s); then the cut at 100 s
    expect(p.windows.map((w) => w.start / SR)).toEqual([0, 9, 37, 65, 93, 99]);
    expect(p.seamCuts).toEqual([10 * SR, null, null, null, 100 * SR]);
  });

  it('spreads the extra seams evenly when the stride would leave a window under 8 s', () => {
    const p = planAtCuts(ordinary(80), [10 * SR, 68 * SR], limits);
    expectWellFormed(p, 80);
    for (const w of p.windows) expect(w.end - w.start).toBeGreaterThanOrEqual(8 * SR);
    expect(p.seamCuts[0]).toBe(10 * SR);
    expect(p.seamCuts.at(-1)).toBe(68 * SR);
  });

  it('seams at the most cuts it can when cuts are closer than a window allows', () => {
    // 23 s is too close to 20 and 26 s for a window of ≥ 8 s on either side; 20 and 26 s are just far enough
    const p = planAtCuts(
      ordinary(60),
      [20, 23, 26, 40].map((c) => c * SR),
      limits,
    );
    expectWellFormed(p, 60);
    const used = p.seamCuts.filter((c) => c !== null).map((c) => c! / SR);
    expect(used).toEqual([20, 26, 40]);
    for (const w of p.windows) expect(w.end - w.start).toBeGreaterThanOrEqual(8 * SR);
  });

  it('ignores cuts too near the ends for an 8 s window and then gives the ordinary plan', () => {
    const o = ordinary(95);
    const p = planAtCuts(o, [3 * SR, 91 * SR], limits);
    expect(p.windows).toEqual(o.windows.map((w) => ({ start: w.start, end: w.end })));
    expect(p.seamCuts.every((c) => c === null)).toBe(true);
  });

  it('is the ordinary plan without cuts, for short and long windows alike', () => {
    for (const [win, ov] of [
      [30, 2],
      [10, 1],
    ]) {
      const o = ordinary(125, win, ov);
      expect(planAtCuts(o, [], limits).windows).toEqual(
        o.windows.map((w) => ({ start: w.start, end: w.end })),
      );
    }
  });
});
