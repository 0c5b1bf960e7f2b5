// Timeline presses: a click seeks, a drag past four pixels selects a segment and swallows the click that ends it.
import { describe, expect, it } from 'vitest';
import { LaneGesture } from '../../src/renderer/state/lane-gesture';
import type { Selection } from '../../src/renderer/state/selection.svelte';
import type { Transport } from '../../src/renderer/state/transport.svelte';

function setup() {
  const log: string[] = [];
  const selection = {
    setSegment: (a: number, b: number) => log.push(`segment ${a}-${b}`),
  } as unknown as Selection;
  const transport = { seek: (s: number) => log.push(`seek ${s}`) } as unknown as Transport;
  return { log, gesture: new LaneGesture(selection, transport) };
}

describe('lane gesture', () => {
  it('seeks on a click that does not move', () => {
    const { log, gesture } = setup();
    gesture.down(100, 32000);
    expect(gesture.move(102, 32640)).toBe(false);
    gesture.up(false);
    expect(log).toEqual(['seek 32000']);
    expect(gesture.swallowClick).toBe(false);
  });

  it('does not seek when the click lands on a control', () => {
    const { log, gesture } = setup();
    gesture.down(100, 32000);
    gesture.up(true);
    expect(log).toEqual([]);
  });

  it('selects a segment once the pointer travels four pixels, and swallows the closing click', () => {
    const { log, gesture } = setup();
    gesture.down(100, 32000);
    expect(gesture.move(104, 33280)).toBe(true);
    expect(gesture.move(200, 64000)).toBe(false);
    gesture.up(false);
    expect(log).toEqual(['segment 32000-33280', 'segment 32000-64000']);
    expect(gesture.swallowClick).toBe(true);
  });

  it('ignores moves without a press', () => {
    const { log, gesture } = setup();
    expect(gesture.move(500, 1)).toBe(false);
    gesture.up(false);
    expect(log).toEqual([]);
  });
});
