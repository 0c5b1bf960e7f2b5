import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { planWindows, seamOf } from '../../../src/shared/timeline/window-plan';
import { localFrameIndices } from '../../../src/inference/plan/local-frames';

const geo = { sampleRate: 32000, hopLength: 640, maxWindowSeconds: 30 };
const SR = 32000;

describe('planWindows', () => {
  it('covers a short video with one window clipped to its length', () => {
    const p = planWindows(163200, geo, { windowSeconds: 30, overlapSeconds: 2 });
    expect(p.windows).toEqual([{ index: 0, start: 0, end: 163200, codecFrames: 255 }]);
  });

  it('scores a 95 s video through four 30 s windows with 2 s overlaps', () => {
    const p = planWindows(95 * SR, geo, { windowSeconds: 30, overlapSeconds: 2 });
    expect(p.windowSamples).toBe(960000);
    expect(p.overlapSamples).toBe(64000);
    expect(p.windows.map((w) => [w.start, w.end, w.codecFrames])).toEqual([
      [0, 960000, 1500],
      [896000, 1856000, 1500],
      [1792000, 2752000, 1500],
      [2688000, 3040000, 550],
    ]);
    expect(seamOf(p, 2)).toEqual({ start: 2688000, end: 2752000 });
  });

  it('keeps window starts and full lengths on whole codec frames, and clips only the last', () => {
    const p = planWindows(1234567, geo, { windowSeconds: 10.01, overlapSeconds: 1.003 });
    expect(p.windowSamples % 640).toBe(0);
    expect(p.overlapSamples % 640).toBe(0);
    for (const w of p.windows) expect(w.start % 640).toBe(0);
    p.windows.slice(0, -1).forEach((w) => expect(w.end - w.start).toBe(p.windowSamples));
    const last = p.windows[p.windows.length - 1]!;
    expect(last.end).toBe(1234567);
    expect(last.codecFrames).toBe(Math.ceil((last.end - last.start) / 640));
    expect(last.end - last.start).toBeGreaterThan(p.overlapSamples);
  });

  it('never exceeds the model maximum', () => {
    const p = planWindows(100 * SR, geo, { windowSeconds: 45, overlapSeconds: 0 });
    expect(p.windowSamples).toBe(30 * SR);
    expect(p.windows.map((w) => w.start)).toEqual([0, 960000, 1920000, 2880000]);
  });

  it.each([
    [0, 30, 2, 'empty-media'],
    [SR, 0, 0, 'invalid-input'],
    [SR, 0.01, 0, 'invalid-input'],
    [SR, 10, 10, 'invalid-input'],
    [SR, 10, -1, 'invalid-input'],
  ])('rejects %i samples with window %s s and overlap %s s as %s', (total, win, ov, code) => {
    const e = (() => {
      try {
        planWindows(total, geo, { windowSeconds: win, overlapSeconds: ov });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
  });
});

describe('localFrameIndices', () => {
  it('takes the 60 frames inside a 30 s window at 2 fps', () => {
    expect(localFrameIndices({ start: 0, end: 960000 }, 2, SR, 190)).toEqual([...Array(60).keys()]);
  });

  it('conditions the final window on its own frames', () => {
    // 31 s video, windows [0, 30 s) and [29.5 s, 31 s): the last one sees frames 59, 60, 61.
    expect(localFrameIndices({ start: 944000, end: 992000 }, 2, SR, 62)).toEqual([59, 60, 61]);
  });

  it('clips to the decoded frames and never returns an empty set', () => {
    expect(localFrameIndices({ start: 0, end: 163200 }, 2, SR, 10)).toEqual([...Array(10).keys()]);
    expect(localFrameIndices({ start: 0, end: 9600 }, 2, SR, 1)).toEqual([0]);
    expect(localFrameIndices({ start: 176000, end: 180000 }, 2, SR, 10)).toEqual([9]);
    expect(localFrameIndices({ start: 16001, end: 31999 }, 2, SR, 10)).toEqual([1]);
  });
});
