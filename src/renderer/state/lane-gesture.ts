// Pointer gestures on the timeline lanes: a click seeks the playhead, a drag past a few pixels selects a
// segment (the windows under it are what R regenerates).
import type { Selection } from './selection.svelte';
import type { Transport } from './transport.svelte';

/** Pixels a press must travel before it counts as a drag. */
const DRAG_THRESHOLD_PX = 4;

/** One press-move-release on the lanes. */
export class LaneGesture {
  #press: { x: number; sample: number; dragging: boolean } | null = null;
  /** The click that ends a drag must not also select the window under the pointer. */
  swallowClick = false;

  constructor(
    private readonly selection: Selection,
    private readonly transport: Transport,
  ) {}

  /** A primary-button press at clientX, over timeline sample `sample`. */
  down(clientX: number, sample: number): void {
    this.#press = { x: clientX, sample, dragging: false };
  }

  /** Pointer moved; returns true when this move turned the press into a drag (capture the pointer then). */
  move(clientX: number, sample: number): boolean {
    const p = this.#press;
    if (!p || (!p.dragging && Math.abs(clientX - p.x) < DRAG_THRESHOLD_PX)) return false;
    const started = !p.dragging;
    p.dragging = true;
    this.selection.setSegment(p.sample, sample);
    return started;
  }

  /** Release; a press that never moved seeks, unless it landed on a control. */
  up(onControl: boolean): void {
    const p = this.#press;
    if (!p) return;
    this.swallowClick = p.dragging;
    if (!p.dragging && !onControl) this.transport.seek(p.sample);
    this.#press = null;
  }
}
