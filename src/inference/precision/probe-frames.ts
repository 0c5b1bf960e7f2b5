// The gate's probe picture sequence: 12 frames made from integer arithmetic only (colour ramps, bars and a
// disc that move from frame to frame, and a fixed texture), so every machine builds the same bytes at any
// image size and nothing is shipped or decoded.
import type { Frames } from '../frames/frame-spec';

/** Frames in the probe (6 s at 2 fps). */
export const PROBE_FRAMES = 12;

/** A triangle wave of period 512 with values 0…255. */
const tri = (p: number): number => {
  const m = ((p % 512) + 512) % 512;
  return m < 256 ? m : 511 - m;
};

/** A fixed per-pixel texture in −24…23 (integer hash). */
const grain = (x: number, y: number, c: number): number => {
  let h = Math.imul(x * 73856093 + y * 19349663 + c * 83492791, 0x9e3779b1);
  h ^= h >>> 15;
  return ((h >>> 0) % 48) - 24;
};

/** The probe frames at `size`×`size`, [PROBE_FRAMES, 3, size, size] uint8. */
export function probeFrames(size: number, fps: number): Frames {
  const plane = size * size;
  const data = new Uint8Array(PROBE_FRAMES * 3 * plane);
  for (let t = 0; t < PROBE_FRAMES; t++) {
    const cx = Math.floor((size * (4 + 3 * t)) / 48);
    const cy = Math.floor((size * (40 - 2 * t)) / 48);
    const r2 = Math.floor((size * size) / 36);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const u = Math.floor((x * 512) / size);
        const v = Math.floor((y * 512) / size);
        const disc = (x - cx) ** 2 + (y - cy) ** 2 < r2;
        const bars = tri(4 * u + 40 * t) > 200 ? 60 : 0;
        const rgb = [tri(u + 23 * t) + bars, tri(v * 2 - 17 * t), tri(u + v + 31 * t) - bars];
        for (let c = 0; c < 3; c++) {
          const value = disc ? [230, 210, 40][c]! : rgb[c]! + grain(x, y, c);
          data[(t * 3 + c) * plane + y * size + x] = Math.max(0, Math.min(255, value));
        }
      }
  }
  return { spec: { fps, width: size, height: size }, count: PROBE_FRAMES, data };
}
