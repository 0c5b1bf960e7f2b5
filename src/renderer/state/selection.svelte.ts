// What the user has selected on the timeline: a window, a segment (a dragged range), a seam.
import type { SampleRange } from '../../shared/time';

/** The current selection. */
export class Selection {
  /** Index of the selected window, or null. */
  windowIndex = $state<number | null>(null);
  /** A dragged range [start, end) in samples, or null. */
  segment = $state<SampleRange | null>(null);
  /** Index of the selected seam, or null. */
  seamIndex = $state<number | null>(null);

  /** Selects one window (and clears the segment and seam). */
  selectWindow(index: number | null): void {
    this.windowIndex = index;
    this.segment = null;
    this.seamIndex = null;
  }

  /** Selects a seam. */
  selectSeam(index: number | null): void {
    this.seamIndex = index;
  }

  /** Sets the dragged segment; an empty range clears it. */
  setSegment(a: number, b: number): void {
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    this.segment = end > start ? { start, end } : null;
  }

  /** Clears everything. */
  clear(): void {
    this.windowIndex = null;
    this.segment = null;
    this.seamIndex = null;
  }
}
