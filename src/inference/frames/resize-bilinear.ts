// The official reader resizes decoded uint8 frames with torchvision Resize((h, w)): bilinear,
// align_corners=False, no antialiasing, computed by torch's float32 kernel and rounded half to even back to
// uint8. This repeats that kernel operation by operation (source positions in double from a float32 scale,
// float32 weights, each two-tap mix a fused multiply-add as the compiled kernel does), so the frames the
// model sees are the same bytes (bench/resize-parity.ts compares with the installed torch).

/** Source taps of one output axis: two input indices and their float32 weights per output index. */
export interface AxisTaps {
  i0: Int32Array;
  i1: Int32Array;
  w0: Float32Array;
  w1: Float32Array;
}

const f = Math.fround;

/** Taps of an axis resized from `inSize` to `outSize`, as torch's bilinear kernel computes them. */
export function axisTaps(inSize: number, outSize: number): AxisTaps {
  const t: AxisTaps = {
    i0: new Int32Array(outSize),
    i1: new Int32Array(outSize),
    w0: new Float32Array(outSize),
    w1: new Float32Array(outSize),
  };
  const scale = f(inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    if (inSize === outSize) {
      t.i0[o] = o;
      t.i1[o] = o;
      t.w0[o] = 1;
      continue;
    }
    const real = Math.max(0, scale * (o + 0.5) - 0.5);
    const i0 = Math.trunc(real);
    t.i0[o] = i0;
    t.i1[o] = i0 + (i0 < inSize - 1 ? 1 : 0);
    const l1 = f(real - i0);
    t.w1[o] = l1;
    t.w0[o] = f(1 - l1);
  }
  return t;
}

/** Rounds half to even and clamps to a byte, as torch.round followed by a uint8 cast of a bilinear mix. */
function toByte(v: number): number {
  const r = Math.round(v);
  const even = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return even < 0 ? 0 : even > 255 ? 255 : even;
}

/**
 * Resizes one interleaved rgb24 frame `src` (w×h) to planar R, G, B planes of dw×dh written at `out[offset..]`
 * (the [3, H, W] layout the CLIP tower reads), with torchvision's uint8 bilinear resize.
 */
export function resizeRgb24ToPlanar(
  src: Uint8Array,
  w: number,
  h: number,
  dw: number,
  dh: number,
  out: Uint8Array,
  offset: number,
  taps: { x: AxisTaps; y: AxisTaps } = { x: axisTaps(w, dw), y: axisTaps(h, dh) },
): void {
  const { x, y } = taps;
  const plane = dw * dh;
  for (let oy = 0; oy < dh; oy++) {
    const r0 = y.i0[oy]! * w * 3;
    const r1 = y.i1[oy]! * w * 3;
    const h0 = y.w0[oy]!;
    const h1 = y.w1[oy]!;
    for (let ox = 0; ox < dw; ox++) {
      const c0 = x.i0[ox]! * 3;
      const c1 = x.i1[ox]! * 3;
      const w0 = x.w0[ox]!;
      const w1 = x.w1[ox]!;
      const at = offset + oy * dw + ox;
      for (let c = 0; c < 3; c++) {
        // a·b + c in double is exact here (or off by far less than a float32 ulp), so one fround is an fma.
        const top = f(src[r0 + c0 + c]! * w0 + f(src[r0 + c1 + c]! * w1));
        const bottom = f(src[r1 + c0 + c]! * w0 + f(src[r1 + c1 + c]! * w1));
        out[at + c * plane] = toByte(f(top * h0 + f(bottom * h1)));
      }
    }
  }
}
