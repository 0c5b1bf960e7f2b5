import { describe, expect, it } from 'vitest';
import {
  continuousRuns,
  joinRunCodes,
  seamState,
  type RunTake,
} from '../../../src/shared/timeline/continuity';
import { runCodes, runCrossfades } from '../../../src/shared/timeline/run-clips';

const HOP = 10;
// Three windows of 10 frames overlapping by 4 frames.
const W = [
  { start: 0, end: 100 },
  { start: 60, end: 160 },
  { start: 120, end: 220 },
];
const take = (takeId: string, continued: RunTake['continued'] = null): RunTake => ({
  takeId,
  continued,
  codesAvailable: true,
});

describe('seamState', () => {
  it('is continuous when the right take continued the selected left take over the overlap start', () => {
    const right = take('b', { takeId: 'a', fromFrame: 6, frames: 4 });
    expect(seamState(W[0]!, W[1]!, take('a'), right, HOP)).toEqual({ kind: 'continuous', splitSample: 100 });
    // A 2-frame prompt splits the stream where the prompt ends.
    const short = take('b', { takeId: 'a', fromFrame: 6, frames: 2 });
    expect(seamState(W[0]!, W[1]!, take('a'), short, HOP)).toEqual({ kind: 'continuous', splitSample: 80 });
  });

  it('turns into a crossfade when the left take is switched, and back when it is switched back', () => {
    const right = take('b', { takeId: 'a', fromFrame: 6, frames: 4 });
    expect(seamState(W[0]!, W[1]!, take('a2'), right, HOP)).toEqual({
      kind: 'crossfade',
      reason: 'left-changed',
    });
    expect(seamState(W[0]!, W[1]!, take('a'), right, HOP).kind).toBe('continuous');
  });

  it('names why a seam crossfades', () => {
    const cont = { takeId: 'a', fromFrame: 6, frames: 4 };
    const reason = (l: RunTake | null, r: RunTake | null) => {
      const s = seamState(W[0]!, W[1]!, l, r, HOP);
      return s.kind === 'crossfade' ? s.reason : s.kind;
    };
    expect(reason(take('a'), take('b'))).toBe('no-prompt');
    expect(reason(null, take('b', cont))).toBe('no-take');
    expect(reason({ ...take('a'), codesAvailable: false }, take('b', cont))).toBe('codes-missing');
    expect(reason(take('a'), take('b', { ...cont, fromFrame: 5 }))).toBe('prompt-misplaced');
    expect(reason(take('a'), take('b', { ...cont, frames: 5 }))).toBe('prompt-misplaced');
  });
});

describe('continuous runs', () => {
  it('groups windows joined by continuous seams', () => {
    const c = { kind: 'continuous', splitSample: 0 } as const;
    const x = { kind: 'crossfade', reason: 'no-prompt' } as const;
    expect(continuousRuns([])).toEqual([{ first: 0, last: 0 }]);
    expect(continuousRuns([c, x, c, c])).toEqual([
      { first: 0, last: 1 },
      { first: 2, last: 4 },
    ]);
  });

  it('joins left codes up to each split and right codes after it, per codebook', () => {
    // K = 2; window k's code at (codebook q, frame f) is 1000k + 100q + f.
    const codesOf = (k: number) =>
      Int32Array.from({ length: 20 }, (_, i) => 1000 * k + 100 * Math.floor(i / 10) + (i % 10));
    const parts = W.map((w, k) => ({ ...w, codes: codesOf(k) }));
    const joined = joinRunCodes(parts, [100, 140], 2, HOP);
    const row = (q: number) => [...joined.subarray(q * 22, (q + 1) * 22)];
    const expected = (q: number) => [
      ...Array.from({ length: 10 }, (_, f) => 100 * q + f),
      ...Array.from({ length: 4 }, (_, f) => 1000 + 100 * q + 4 + f),
      ...Array.from({ length: 8 }, (_, f) => 2000 + 100 * q + 2 + f),
    ];
    expect(row(0)).toEqual(expected(0));
    expect(row(1)).toEqual(expected(1));
  });

  it('joins a run into one code stream and keeps only the seams between runs', () => {
    const states = [
      { kind: 'continuous', splitSample: 100 } as const,
      { kind: 'crossfade', reason: 'left-changed' } as const,
    ];
    const runs = continuousRuns(states);
    expect(runs).toEqual([
      { first: 0, last: 1 },
      { first: 2, last: 2 },
    ]);
    expect(runCrossfades(runs)).toEqual([1]);
    const codes = runCodes(W, states, runs[0]!, {
      codebooks: 1,
      hop: HOP,
      codesOf: (i) => Int32Array.from({ length: 10 }, (_, f) => 10 * i + f),
    });
    // 16 frames for the run's 160 samples: window 0's codes up to the split at sample 100, window 1's after it.
    expect(codes.length).toBe(16);
    expect(codes[9]).toBe(9);
    expect(codes[10]).toBe(14);
  });
});
