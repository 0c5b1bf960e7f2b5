// Pure timeline geometry: the view maps integer sample positions to pixels by a zoom (samples per pixel)
// and a scroll offset (the sample at the left edge). Samples stay integers; pixels are floats.

/** The visible part of the timeline. */
export interface ViewGeometry {
  /** Samples per CSS pixel (the zoom); larger shows more time. */
  samplesPerPixel: number;
  /** Sample position at the left edge. */
  scroll: number;
  /** Visible width in CSS pixels. */
  width: number;
  /** Length of the whole timeline in samples. */
  total: number;
}

/** Smallest zoom: one pixel per 8 samples would be past any useful detail. */
export const MIN_SAMPLES_PER_PIXEL = 8;

/** X coordinate (CSS px) of a sample position. */
export const sampleToX = (sample: number, v: ViewGeometry): number => (sample - v.scroll) / v.samplesPerPixel;

/** Nearest whole sample under an x coordinate, clamped to [0, total]. */
export function xToSample(x: number, v: ViewGeometry): number {
  return clamp(Math.round(v.scroll + x * v.samplesPerPixel), 0, v.total);
}

/** Clamps n to [lo, hi]. */
export function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

/** Zoom at which the whole timeline fits the width. */
export function fitSamplesPerPixel(total: number, width: number): number {
  return Math.max(MIN_SAMPLES_PER_PIXEL, total / Math.max(1, width));
}

/** Keeps the scroll inside [0, total − visible]; a timeline shorter than the view pins to 0. */
export function clampScroll(scroll: number, v: Omit<ViewGeometry, 'scroll'>): number {
  const visible = v.width * v.samplesPerPixel;
  return Math.round(clamp(scroll, 0, Math.max(0, v.total - visible)));
}

/** Zooms by `factor` (>1 zooms out) keeping the sample under `anchorX` fixed on screen. */
export function zoomAround(v: ViewGeometry, factor: number, anchorX: number): ViewGeometry {
  const maxSpp = fitSamplesPerPixel(v.total, v.width);
  const spp = clamp(v.samplesPerPixel * factor, MIN_SAMPLES_PER_PIXEL, maxSpp);
  const anchor = v.scroll + anchorX * v.samplesPerPixel;
  const scroll = clampScroll(anchor - anchorX * spp, { ...v, samplesPerPixel: spp });
  return { ...v, samplesPerPixel: spp, scroll };
}

/** Scrolls by a pixel distance (positive moves later in time). */
export function scrollByPixels(v: ViewGeometry, dx: number): ViewGeometry {
  return { ...v, scroll: clampScroll(v.scroll + dx * v.samplesPerPixel, v) };
}

/** Scroll that brings `sample` into view with a margin, or the current scroll when it is visible. */
export function scrollToReveal(v: ViewGeometry, sample: number, marginPx = 40): number {
  const x = sampleToX(sample, v);
  if (x >= marginPx && x <= v.width - marginPx) return v.scroll;
  return clampScroll(sample - (x < marginPx ? marginPx : v.width - marginPx) * v.samplesPerPixel, v);
}

/** A tick of the time ruler. */
export interface RulerTick {
  sample: number;
  x: number;
  major: boolean;
}

const NICE_STEPS_MS = [
  10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000,
];

/** Milliseconds between major ruler ticks so that labels are at least `minPx` apart. */
export function majorStepMs(samplesPerPixel: number, sampleRate: number, minPx = 90): number {
  const msPerPx = (samplesPerPixel * 1000) / sampleRate;
  return NICE_STEPS_MS.find((s) => s / msPerPx >= minPx) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
}

/** Ruler ticks over the visible range: majors (labelled) and 4 minors between them. */
export function rulerTicks(v: ViewGeometry, sampleRate: number): RulerTick[] {
  const stepMs = majorStepMs(v.samplesPerPixel, sampleRate);
  const minorMs = stepMs / 5;
  const endSample = Math.min(v.total, v.scroll + v.width * v.samplesPerPixel);
  const first = Math.floor((v.scroll * 1000) / sampleRate / minorMs);
  const ticks: RulerTick[] = [];
  for (let i = first; ; i++) {
    const sample = Math.round((i * minorMs * sampleRate) / 1000);
    if (sample > endSample) break;
    if (sample < v.scroll) continue;
    ticks.push({ sample, x: sampleToX(sample, v), major: i % 5 === 0 });
  }
  return ticks;
}

/** Indices of the windows that intersect the half-open range [start, end). */
export function windowsCovering(
  windows: readonly { start: number; end: number }[],
  start: number,
  end: number,
): number[] {
  const out: number[] = [];
  windows.forEach((w, i) => {
    if (w.start < end && start < w.end) out.push(i);
  });
  return out;
}

/** Length in samples of one video frame (exact rational, rounded to a whole sample). */
export function frameSamples(sampleRate: number, fpsNum: number, fpsDen: number): number {
  return Math.max(1, Math.round((sampleRate * fpsDen) / fpsNum));
}

/**
 * A ruler label with only the precision its tick step needs: whole seconds at coarse zoom (`1:05`), tenths or
 * hundredths in between (`0:02.5`), milliseconds only when the ticks are closer than 10 ms apart.
 */
export function rulerLabel(sample: number, sampleRate: number, stepMs: number): string {
  const totalMs = Math.round((sample * 1000) / sampleRate);
  const digits = stepMs % 1000 === 0 ? 0 : stepMs % 100 === 0 ? 1 : stepMs % 10 === 0 ? 2 : 3;
  const unit = 10 ** (3 - digits);
  const shown = Math.round(totalMs / unit) * unit;
  const m = Math.floor(shown / 60000);
  const s = String(Math.floor((shown % 60000) / 1000)).padStart(2, '0');
  const frac = digits ? `.${String(Math.floor((shown % 1000) / unit)).padStart(digits, '0')}` : '';
  return `${m}:${s}${frac}`;
}

/** How far a block's label moves right so it stays in view when the block starts left of the view. */
export function stickyLabelOffset(blockLeftPx: number, blockWidthPx: number, labelWidthPx: number): number {
  return Math.max(0, Math.min(-blockLeftPx, blockWidthPx - labelWidthPx));
}

/** The widest free stretch of [0, width) between occupied pixel ranges (e.g. seam markers). */
export function widestGap(
  occupied: readonly { from: number; to: number }[],
  width: number,
): { from: number; to: number } {
  const sorted = [...occupied].sort((a, b) => a.from - b.from);
  let best = { from: 0, to: 0 };
  let at = 0;
  for (const r of [...sorted, { from: width, to: width }]) {
    const gap = { from: at, to: Math.min(width, r.from) };
    if (gap.to - gap.from > best.to - best.from) best = gap;
    at = Math.max(at, r.to);
  }
  return best;
}
