// CLIP preprocessing of uint8 RGB frames that already have the model's image size: x/255 evaluated in
// float64 and rounded to float32, then (x − mean)/std in float32, exactly as the reference processor.

/** Memory layout of the input frames. */
export type FrameLayout = 'nhwc' | 'nchw';

/** uint8 frames [N,H,W,3] (ffmpeg rgb24) or [N,3,H,W] → pixel values [N,3,H,W] float32. */
export function clipPixelValues(frames: Uint8Array, count: number, size: number, layout: FrameLayout,
  mean: readonly number[], std: readonly number[]): Float32Array {
  const plane = size * size;
  if (frames.length !== count * 3 * plane) throw new Error(`clipPixelValues: ${frames.length} bytes for ${count} frames of ${size}²×3`);
  const out = new Float32Array(count * 3 * plane);
  const m = mean.map(Math.fround);
  const s = std.map(Math.fround);
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < 3; c++) {
      const dst = (n * 3 + c) * plane;
      for (let i = 0; i < plane; i++) {
        const v = layout === 'nchw' ? frames[dst + i] : frames[(n * plane + i) * 3 + c];
        out[dst + i] = Math.fround(Math.fround(Math.fround(v / 255) - m[c]) / s[c]);
      }
    }
  }
  return out;
}

/** CLIP's normalisation constants (OpenAI CLIP mean/std). */
export const CLIP_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
/** CLIP's normalisation standard deviations. */
export const CLIP_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];
