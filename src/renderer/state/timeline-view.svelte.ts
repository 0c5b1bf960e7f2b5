// Zoom and scroll of the timeline in samples per pixel, shared by the ruler, the lanes and the thumbnails.
import type { ViewGeometry } from '../lib/timeline-math';
import {
  clampScroll,
  fitSamplesPerPixel,
  sampleToX,
  scrollByPixels,
  scrollToReveal,
  xToSample,
  zoomAround,
} from '../lib/timeline-math';

/** The timeline's viewport. */
export class TimelineView {
  samplesPerPixel = $state(1000);
  scroll = $state(0);
  width = $state(800);
  total = $state(0);
  /** The user zoomed in: stop fitting on resize. */
  #fitted = true;

  readonly geometry: ViewGeometry = $derived({
    samplesPerPixel: this.samplesPerPixel,
    scroll: this.scroll,
    width: this.width,
    total: this.total,
  });

  /** Sets the timeline length (a new project) and fits it. */
  setTotal(total: number): void {
    this.total = total;
    this.fit();
  }

  /** Sets the visible width after a resize; keeps a fitted view fitted. */
  setWidth(width: number): void {
    if (width <= 0 || width === this.width) return;
    this.width = width;
    if (this.#fitted) this.fit();
    else this.#apply({ ...this.geometry, scroll: clampScroll(this.scroll, this.geometry) });
  }

  /** Shows the whole timeline. */
  fit(): void {
    this.samplesPerPixel = fitSamplesPerPixel(this.total, this.width);
    this.scroll = 0;
    this.#fitted = true;
  }

  /** Zooms by a factor (>1 out, <1 in) around an x position (default: the centre). */
  zoom(factor: number, anchorX = this.width / 2): void {
    this.#apply(zoomAround(this.geometry, factor, anchorX));
    this.#fitted = this.samplesPerPixel >= fitSamplesPerPixel(this.total, this.width);
  }

  /** Scrolls by pixels. */
  scrollBy(dx: number): void {
    this.#apply(scrollByPixels(this.geometry, dx));
  }

  /** Scrolls just enough to show a sample (the playhead while playing). */
  reveal(sample: number): void {
    const s = scrollToReveal(this.geometry, sample);
    if (s !== this.scroll) this.scroll = s;
  }

  /** X of a sample. */
  x(sample: number): number {
    return sampleToX(sample, this.geometry);
  }

  /** Sample under an x coordinate. */
  sampleAt(x: number): number {
    return xToSample(x, this.geometry);
  }

  #apply(g: ViewGeometry): void {
    this.samplesPerPixel = g.samplesPerPixel;
    this.scroll = g.scroll;
  }
}
