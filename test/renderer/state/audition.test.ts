// A/B audition: the A/B button auditions a take without selecting it, B toggles between the selected take and
// the last auditioned one (or the next take when none was), and a window with one take has nothing to compare.
import { describe, expect, it } from 'vitest';
import { Audition } from '../../../src/renderer/state/audition.svelte';
import type { AbWindow } from '../../../src/renderer/state/audition.svelte';

function win(id: string, takes: string[], selected: string | null): AbWindow {
  return { id, selectedTakeId: selected, takes: takes.map((t) => ({ id: t })) };
}

describe('A/B audition', () => {
  it('auditions a take with its button and stops with a second press, leaving the selection alone', () => {
    const holder = { audition: {} as Record<string, string> };
    const a = new Audition(holder);
    const w = win('w1', ['t1', 't2', 't3'], 't1');
    expect(a.toggle(w, 't3')).toBe('B');
    expect([a.heard(w), a.side(w), holder.audition]).toEqual(['t3', 'B', { w1: 't3' }]);
    expect(w.selectedTakeId).toBe('t1');
    expect(a.toggle(w, 't3')).toBe('A');
    expect([a.heard(w), a.side(w), holder.audition]).toEqual(['t1', 'A', {}]);
    // Auditioning the selected take itself is the A side.
    expect(a.toggle(w, 't1')).toBe('A');
    expect(holder.audition).toEqual({});
  });

  it('flips with B between the selected take and the last auditioned one', () => {
    const holder = { audition: {} as Record<string, string> };
    const a = new Audition(holder);
    const w = win('w1', ['t1', 't2', 't3'], 't1');
    a.toggle(w, 't3');
    expect(a.flip(w)).toBe('A');
    expect(a.heard(w)).toBe('t1');
    expect(a.flip(w)).toBe('B');
    expect(a.heard(w)).toBe('t3');
    expect(a.flip(w)).toBe('A');
    expect(a.heard(w)).toBe('t1');
  });

  it('flips to the take after the selected one when nothing was auditioned, wrapping to the first', () => {
    const a = new Audition({ audition: {} });
    expect(a.flip(win('w1', ['t1', 't2', 't3'], 't2'))).toBe('B');
    expect(a.heard(win('w1', ['t1', 't2', 't3'], 't2'))).toBe('t3');
    const b = new Audition({ audition: {} });
    const last = win('w2', ['t1', 't2', 't3'], 't3');
    expect(b.flip(last)).toBe('B');
    expect(b.heard(last)).toBe('t1');
  });

  it('has nothing to compare in a window with one take or none, and forgets a deleted take', () => {
    const a = new Audition({ audition: {} });
    expect(a.flip(win('w1', ['t1'], 't1'))).toBeNull();
    expect(a.flip(win('w1', [], null))).toBeNull();
    const w = win('w2', ['t1', 't2'], 't1');
    a.toggle(w, 't2');
    const after = win('w2', ['t1'], 't1');
    expect([a.heard(after), a.side(after)]).toEqual(['t1', 'A']);
    expect(a.flip(after)).toBeNull();
  });

  it('keeps windows apart and clears every audition', () => {
    const holder = { audition: {} as Record<string, string> };
    const a = new Audition(holder);
    const w1 = win('w1', ['a1', 'a2'], 'a1');
    const w2 = win('w2', ['b1', 'b2'], 'b2');
    a.flip(w1);
    a.flip(w2);
    expect(holder.audition).toEqual({ w1: 'a2', w2: 'b1' });
    a.clear();
    expect(holder.audition).toEqual({});
    // After clear, B no longer remembers: it picks the take after the selected one again.
    a.toggle(w1, 'a2');
    a.clear();
    expect(a.flip(w1)).toBe('B');
    expect(a.heard(w1)).toBe('a2');
  });
});
