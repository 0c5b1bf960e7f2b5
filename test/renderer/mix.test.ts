// Live playback mixes exactly like the export: the renderer's mix equals main's mixdown sample for sample
// (without edge fades), seams centred in the overlap with the shared curves.
import { describe, expect, it } from 'vitest';
import { mixdown } from '../../src/shared/timeline/mixdown';
import type { SeamCurve } from '../../src/shared/timeline/seam-curve';
import { curvePath } from '../../src/renderer/lib/curve-path';
import { fadeRange, mixPlacements, windowGain } from '../../src/renderer/lib/mix';
import type { Placement, SeamFade } from '../../src/renderer/lib/mix';

function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = x / 1073741824 - 1;
  }
  return out;
}

function plan(curves: SeamCurve[], lengths: number[]) {
  const windows = [
    { start: 0, end: 64000 },
    { start: 48000, end: 112000 },
    { start: 96000, end: 163200 },
  ];
  const placements: Placement[] = windows.map((w, i) => ({ ...w, samples: noise(w.end - w.start, i + 1) }));
  const seams: SeamFade[] = [
    { start: 48000, end: 64000, lengthSamples: lengths[0], curve: curves[0] },
    { start: 96000, end: 112000, lengthSamples: lengths[1], curve: curves[1] },
  ];
  return { placements, seams, total: 163200 };
}

describe('renderer mix', () => {
  it('centres each crossfade in its overlap', () => {
    expect(fadeRange({ start: 48000, end: 64000, lengthSamples: 6401, curve: 'linear' })).toEqual({
      from: 52799,
      to: 59200,
    });
    expect(fadeRange({ start: 48000, end: 64000, lengthSamples: 99999, curve: 'linear' })).toEqual({
      from: 48000,
      to: 64000,
    });
  });

  it('silences a window outside its seams and keeps it at unity between them', () => {
    const before: SeamFade = { start: 48000, end: 64000, lengthSamples: 16000, curve: 'equal-power' };
    const after: SeamFade = { start: 96000, end: 112000, lengthSamples: 16000, curve: 'equal-power' };
    expect(windowGain(47999, before, after)).toBe(0);
    expect(windowGain(80000, before, after)).toBe(1);
    expect(windowGain(112000, before, after)).toBe(0);
  });

  it.each([
    [['equal-power', 'equal-power'] as SeamCurve[], [16000, 16000]],
    [['linear', 's-curve'] as SeamCurve[], [3200, 9601]],
    [['s-curve', 'linear'] as SeamCurve[], [0, 16000]],
  ])('equals the export mixdown sample for sample (%s, %s)', (curves, lengths) => {
    const { placements, seams, total } = plan(curves, lengths);
    const ours = mixPlacements(total, placements, seams);
    const theirs = mixdown({
      sampleRate: 32000,
      totalSamples: total,
      clips: placements.map((p) => ({ startSample: p.start, pcm: p.samples as Float32Array })),
      seams: seams.map((s) => {
        const r = fadeRange(s);
        return { startSample: r.from, endSample: r.to, curve: s.curve };
      }),
      fadeInSamples: 0,
      fadeOutSamples: 0,
    });
    expect(ours.length).toBe(theirs.length);
    let maxDiff = 0;
    for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
    expect(maxDiff).toBe(0);
  });

  it('leaves silence where a window has no take yet', () => {
    const { placements, seams, total } = plan(['linear', 'linear'], [16000, 16000]);
    placements[1] = { ...placements[1], samples: null };
    const out = mixPlacements(total, placements, seams);
    expect(out[80000]).toBe(0);
    expect(out[1000]).toBe(placements[0].samples?.[1000]);
  });
});

describe('seam curve drawing', () => {
  it('draws the shared gain curves: equal power crosses higher than linear', () => {
    const mid = (d: string) => Number(d.split(' ')[12].split(',')[1]);
    expect(curvePath('linear', 'in').startsWith('M0.00,90.00')).toBe(true);
    expect(curvePath('linear', 'in').endsWith('L100.00,10.00')).toBe(true);
    expect(mid(curvePath('linear', 'in'))).toBe(50);
    expect(mid(curvePath('equal-power', 'in'))).toBeCloseTo(90 - 80 * Math.SQRT1_2, 2);
    expect(curvePath('s-curve', 'out').startsWith('M0.00,10.00')).toBe(true);
  });
});
