// Timeline geometry: exact sample ↔ pixel mapping, zoom around the pointer, scroll limits, ruler steps,
// and which windows a dragged segment covers.
import { describe, expect, it } from 'vitest';
import {
  MIN_SAMPLES_PER_PIXEL,
  clampScroll,
  fitSamplesPerPixel,
  frameSamples,
  majorStepMs,
  rulerLabel,
  rulerTicks,
  sampleToX,
  stickyLabelOffset,
  widestGap,
  scrollByPixels,
  scrollToReveal,
  windowsCovering,
  xToSample,
  zoomAround,
} from '../../src/renderer/lib/timeline-math';

const view = { samplesPerPixel: 100, scroll: 32000, width: 1000, total: 320000 };

describe('timeline geometry', () => {
  it('maps samples to pixels and back to whole samples', () => {
    expect(sampleToX(32000, view)).toBe(0);
    expect(sampleToX(42000, view)).toBe(100);
    expect(xToSample(100, view)).toBe(42000);
    expect(xToSample(100.4, view)).toBe(42040);
    expect(Number.isInteger(xToSample(33.333, view))).toBe(true);
  });

  it('clamps pointer positions to the timeline', () => {
    expect(xToSample(-500, view)).toBe(0);
    expect(xToSample(5000, view)).toBe(320000);
  });

  it('fits the whole timeline into the width, never below the finest zoom', () => {
    expect(fitSamplesPerPixel(320000, 1000)).toBe(320);
    expect(fitSamplesPerPixel(100, 1000)).toBe(MIN_SAMPLES_PER_PIXEL);
  });

  it('zooms around the pointer so the sample under it stays put', () => {
    const anchor = xToSample(250, view);
    const z = zoomAround(view, 0.5, 250);
    expect(z.samplesPerPixel).toBe(50);
    expect(xToSample(250, z)).toBe(anchor);
  });

  it('never zooms out past the whole timeline or in past the finest zoom', () => {
    expect(zoomAround(view, 100, 0).samplesPerPixel).toBe(320);
    expect(zoomAround(view, 0.0001, 0).samplesPerPixel).toBe(MIN_SAMPLES_PER_PIXEL);
  });

  it('keeps the scroll inside the timeline', () => {
    expect(clampScroll(-10, view)).toBe(0);
    expect(clampScroll(10_000_000, view)).toBe(220000);
    expect(scrollByPixels(view, 50).scroll).toBe(37000);
  });

  it('reveals a sample only when it leaves the view', () => {
    expect(scrollToReveal(view, 60000)).toBe(32000);
    expect(scrollToReveal(view, 200000)).toBe(200000 - 960 * 100);
  });

  it('spaces labelled ruler ticks at least 90 px apart with round steps', () => {
    expect(majorStepMs(320, 32000)).toBe(1000);
    expect(majorStepMs(32, 32000)).toBe(100);
    const ticks = rulerTicks({ ...view, scroll: 0, samplesPerPixel: 320 }, 32000);
    const majors = ticks.filter((t) => t.major);
    expect(majors.map((t) => t.sample)).toEqual([
      0, 32000, 64000, 96000, 128000, 160000, 192000, 224000, 256000, 288000, 320000,
    ]);
    expect(ticks.length).toBe(51);
  });

  it('finds the windows a half-open segment touches', () => {
    const w = [
      { start: 0, end: 64000 },
      { start: 48000, end: 112000 },
      { start: 96000, end: 160000 },
    ];
    expect(windowsCovering(w, 32000, 80000)).toEqual([0, 1]);
    expect(windowsCovering(w, 64000, 96000)).toEqual([1]);
    expect(windowsCovering(w, 112000, 112001)).toEqual([2]);
  });

  it('gives one video frame in whole samples', () => {
    expect(frameSamples(32000, 30, 1)).toBe(1067);
    expect(frameSamples(32000, 30000, 1001)).toBe(1068);
    expect(frameSamples(32000, 25, 1)).toBe(1280);
  });
});

describe('ruler labels, sticky labels and free space', () => {
  it('labels ticks without milliseconds at coarse zoom and with the precision the step needs', () => {
    expect(rulerLabel(65 * 32000, 32000, 5000)).toBe('1:05');
    expect(rulerLabel(2 * 32000, 32000, 1000)).toBe('0:02');
    expect(rulerLabel(2.5 * 32000, 32000, 500)).toBe('0:02.5');
    expect(rulerLabel(2.25 * 32000, 32000, 50)).toBe('0:02.25');
    expect(rulerLabel(2.255 * 32000, 32000, 10)).toBe('0:02.26');
    expect(rulerLabel(0, 32000, 10)).toBe('0:00.00');
    expect(rulerLabel(600 * 32000, 32000, 60000)).toBe('10:00');
  });

  it('keeps a block label in view while the block starts left of it, within the block', () => {
    expect(stickyLabelOffset(40, 500, 100)).toBe(0);
    expect(stickyLabelOffset(-250, 500, 100)).toBe(250);
    expect(stickyLabelOffset(-450, 500, 100)).toBe(400);
    expect(stickyLabelOffset(-1000, 60, 100)).toBe(0);
  });

  it('finds the widest free stretch between occupied ranges', () => {
    expect(widestGap([], 800)).toEqual({ from: 0, to: 800 });
    expect(
      widestGap(
        [
          { from: 500, to: 540 },
          { from: 100, to: 140 },
        ],
        800,
      ),
    ).toEqual({ from: 140, to: 500 });
    expect(widestGap([{ from: -20, to: 700 }], 800)).toEqual({ from: 700, to: 800 });
    expect(widestGap([{ from: 0, to: 800 }], 800)).toEqual({ from: 0, to: 0 });
  });
});
