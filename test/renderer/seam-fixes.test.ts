// What the seam inspector says and offers: each state's line, and the takes whose selection makes a
// crossfaded seam continuous again (a right take that continued the selected left one, or the left take that
// the selected right one continued); a seam whose codes are missing gets no fix, only its reason.
import { describe, expect, it } from 'vitest';
import type { SeamInfo, TakeInfo, WindowInfo } from '../../src/shared/domain';
import { describeSeam, type SeamState } from '../../src/shared/timeline/continuity';
import { seamFixes } from '../../src/renderer/lib/seam-fixes';

const take = (id: string, continuedTakeId: string | null = null): TakeInfo =>
  ({ id, continuedTakeId }) as TakeInfo;
const win = (i: number, takes: TakeInfo[], selected: string): WindowInfo => ({
  id: `w${i}`,
  index: i,
  start: i * 100,
  end: i * 100 + 150,
  selectedTakeId: selected,
  takes,
});
const seam = (continuity: SeamState): SeamInfo => ({
  id: 's0',
  index: 0,
  start: 100,
  end: 150,
  lengthSamples: 50,
  curve: 'equal-power',
  continuity,
});

describe('seam inspector', () => {
  it('says how each seam plays and why it crossfades', () => {
    expect(describeSeam({ kind: 'continuous', splitSample: 150 })).toBe(
      'Continuous: the right take continued the left one, so both play as one decode, without a crossfade.',
    );
    expect(describeSeam({ kind: 'crossfade', reason: 'no-prompt' })).toBe(
      'Crossfaded: the right take was generated without a prompt.',
    );
    expect(describeSeam({ kind: 'crossfade', reason: 'left-changed' })).toBe(
      'Crossfaded: the left take changed since the right take continued it.',
    );
    expect(describeSeam({ kind: 'crossfade', reason: 'codes-missing' })).toBe(
      "Crossfaded: a take's codes file is missing (its audio still plays).",
    );
  });

  it('offers the right take that continued the selected left take, and the left take the right one continued', () => {
    // Left: a1 (continued by b1), a2 selected. Right: b1 (continued a1) selected, b2 (continued a2).
    const windows = [
      win(0, [take('a1'), take('a2')], 'a2'),
      win(1, [take('b1', 'a1'), take('b2', 'a2')], 'b1'),
    ];
    const fixes = seamFixes({ windows }, seam({ kind: 'crossfade', reason: 'left-changed' }));
    expect(fixes).toEqual([
      { windowIndex: 1, windowId: 'w1', takeId: 'b2', takeNumber: 2 },
      { windowIndex: 0, windowId: 'w0', takeId: 'a1', takeNumber: 1 },
    ]);
  });

  it('offers nothing for a continuous seam, missing codes, or when no take continued the other', () => {
    const windows = [win(0, [take('a1')], 'a1'), win(1, [take('b1', 'a1')], 'b1')];
    expect(seamFixes({ windows }, seam({ kind: 'continuous', splitSample: 150 }))).toEqual([]);
    expect(seamFixes({ windows }, seam({ kind: 'crossfade', reason: 'codes-missing' }))).toEqual([]);
    const independent = [win(0, [take('a1')], 'a1'), win(1, [take('b1')], 'b1')];
    expect(seamFixes({ windows: independent }, seam({ kind: 'crossfade', reason: 'no-prompt' }))).toEqual([]);
  });
});
