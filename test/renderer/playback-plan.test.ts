// Live playback mixes with the export's code: the playback plan places main's clips (one per run of continuous
// windows) and crossfades only the seams between runs, through the shared run mix and mixdown; a seam being
// dragged is heard at its preview; the clips are asked for again only when takes or seam states change.
import { describe, expect, it } from 'vitest';
import type { PlaybackMix, SeamInfo, WindowInfo } from '../../src/shared/domain';
import { mixdown } from '../../src/shared/timeline/mixdown';
import { fadeRange, mixdownSeam } from '../../src/shared/timeline/run-mix';
import { curvePath } from '../../src/renderer/lib/curve-path';
import { clipsKey, fadesKey, playbackPlan, type PlaybackProject } from '../../src/renderer/lib/playback-plan';
import { windowGain } from '../../src/renderer/lib/waveform';

function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = x / 1073741824 - 1;
  }
  return out;
}

const win = (i: number, start: number, end: number): WindowInfo => ({
  id: `w${i}`,
  index: i,
  start,
  end,
  selectedTakeId: `t${i}`,
  takes: [],
});
const seam = (i: number, start: number, end: number, continuous: boolean): SeamInfo => ({
  id: `s${i}`,
  index: i,
  start,
  end,
  lengthSamples: 6401,
  curve: 'equal-power',
  continuity: continuous
    ? { kind: 'continuous', splitSample: end }
    : { kind: 'crossfade', reason: 'no-prompt' },
});
const project: PlaybackProject = {
  sampleRate: 32000,
  totalSamples: 163200,
  windows: [win(0, 0, 64000), win(1, 48000, 112000), win(2, 96000, 163200)],
  seams: [seam(0, 48000, 64000, false), seam(1, 96000, 112000, true)],
};
// Window 0 alone, then windows 1 and 2 as one run (one decode).
const mix: PlaybackMix = {
  clips: [
    { firstWindow: 0, lastWindow: 0, startSample: 0, url: 'a' },
    { firstWindow: 1, lastWindow: 2, startSample: 48000, url: 'run' },
  ],
  crossfades: [0],
};
const pcm = new Map([
  ['a', noise(64000, 1)],
  ['run', noise(115200, 2)],
]);

describe('playback plan', () => {
  it('centres each crossfade in its overlap', () => {
    const s = { start: 48000, end: 64000, curve: 'linear' as const };
    expect(fadeRange({ ...s, lengthSamples: 6401 })).toEqual({ from: 52799, to: 59200 });
    expect(fadeRange({ ...s, lengthSamples: 99999 })).toEqual({ from: 48000, to: 64000 });
  });

  it('crossfades only the seams between runs and plays a run as its one clip', () => {
    const out = mixdown(playbackPlan(project, mix, (u) => pcm.get(u) ?? null));
    const theirs = mixdown({
      sampleRate: 32000,
      totalSamples: 163200,
      clips: [
        { startSample: 0, pcm: pcm.get('a')! },
        { startSample: 48000, pcm: pcm.get('run')! },
      ],
      seams: [{ startSample: 52799, endSample: 59200, curve: 'equal-power' }],
      fadeInSamples: 0,
      fadeOutSamples: 0,
    });
    expect(out).toEqual(theirs);
    // Over the continuous seam the run's own samples play, at unity.
    expect(out[100000]).toBe(pcm.get('run')![100000 - 48000]);
  });

  it('hears a dragged seam at its preview and leaves silence for a clip not loaded', () => {
    const preview = { index: 0, lengthSamples: 16000, curve: 'linear' as const };
    const plan = playbackPlan(project, mix, (u) => (u === 'a' ? pcm.get(u)! : null), preview);
    expect(plan.seams).toEqual([mixdownSeam({ start: 48000, end: 64000, ...preview })]);
    const out = mixdown(plan);
    expect(out[80000]).toBe(0);
    expect(out[1000]).toBe(pcm.get('a')![1000]);
  });

  it('asks for clips again only when a take or a seam state changes, and remixes on a fade change', () => {
    const k = clipsKey(project, {});
    const renamed = { ...project, name: 'other', revision: 9 } as PlaybackProject;
    expect(clipsKey(renamed, {})).toBe(k);
    expect(clipsKey(project, { w1: 'other-take' })).not.toBe(k);
    const switched = {
      ...project,
      windows: [project.windows[0]!, { ...project.windows[1]!, selectedTakeId: 'x' }, project.windows[2]!],
    };
    expect(clipsKey(switched, {})).not.toBe(k);
    const crossfaded = { ...project, seams: [project.seams[0]!, seam(1, 96000, 112000, false)] };
    expect(clipsKey(crossfaded, {})).not.toBe(k);
    const longer = { ...project, seams: [{ ...project.seams[0]!, lengthSamples: 100 }, project.seams[1]!] };
    expect(clipsKey(longer, {})).toBe(k);
    expect(fadesKey(longer, null)).not.toBe(fadesKey(project, null));
    expect(fadesKey(renamed, null)).toBe(fadesKey(project, null));
  });

  it('draws a window silent outside its seams and at unity between them', () => {
    const before = { start: 48000, end: 64000, lengthSamples: 16000, curve: 'equal-power' as const };
    const after = { start: 96000, end: 112000, lengthSamples: 16000, curve: 'equal-power' as const };
    expect(windowGain(47999, before, after)).toBe(0);
    expect(windowGain(80000, before, after)).toBe(1);
    expect(windowGain(112000, before, after)).toBe(0);
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
