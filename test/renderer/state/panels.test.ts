// Escape closes the open modal first, then the jobs panel; nothing else is open after.
import { describe, expect, it } from 'vitest';
import { Panels } from '../../../src/renderer/state/panels.svelte';

describe('panels', () => {
  it('closes the modal, then the jobs panel, then reports nothing to close', () => {
    const p = new Panels();
    p.jobsOpen = true;
    p.toggle('help');
    expect(p.close()).toBe(true);
    expect([p.modal, p.jobsOpen]).toEqual([null, true]);
    expect(p.close()).toBe(true);
    expect(p.jobsOpen).toBe(false);
    expect(p.close()).toBe(false);
  });
});
