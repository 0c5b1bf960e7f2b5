// CLIP input normalisation, matching the reference processor bit for bit: (x/255 in float64 − mean)/std,
// rounded to float32 after the division, then normalised in float32.
import type { Frames } from './frame-spec';

/** CLIP pixel values [count, 3, H, W] float32 from uint8 frames [count, 3, H, W]. */
export function normalizeFrames(f: Frames, mean: readonly number[], std: readonly number[]): Float32Array {
  const plane = f.spec.width * f.spec.height;
  const out = new Float32Array(f.data.length);
  // 256 possible inputs per channel: a lookup table makes this exact and cheap.
  const lut = [0, 1, 2].map((c) => {
    const m = Math.fround(mean[c]!);
    const s = Math.fround(std[c]!);
    const t = new Float32Array(256);
    for (let x = 0; x < 256; x++) t[x] = Math.fround(Math.fround(Math.fround(x / 255) - m) / s);
    return t;
  });
  for (let i = 0; i < f.data.length; i++) out[i] = lut[Math.floor(i / plane) % 3]![f.data[i]!]!;
  return out;
}

/** N all-black frames (uint8 zeros): the null condition for classifier-free guidance. */
export function blackFrames(spec: Frames['spec'], count: number): Frames {
  return { spec, count, data: new Uint8Array(count * 3 * spec.width * spec.height) };
}
