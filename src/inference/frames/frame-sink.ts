// Turns ffmpeg's stdout (native-size rgb24 frames, back to back) into planar frames of a spec, resizing each
// frame as soon as its last byte arrives so only one native frame is held at a time.
import type { FrameSpec } from './frame-spec';
import { frameBytes } from './frame-spec';
import type { AxisTaps } from './resize-bilinear';
import { axisTaps, resizeRgb24ToPlanar } from './resize-bilinear';

/** Gathers stdout chunks into native rgb24 frames and resizes each, as it completes, to a planar frame. */
export class FrameSink {
  private readonly native: Uint8Array;
  private filled = 0;
  private readonly planes: Uint8Array[] = [];
  private readonly taps: { x: AxisTaps; y: AxisTaps };
  constructor(
    private readonly spec: FrameSpec,
    private readonly w: number,
    private readonly h: number,
  ) {
    this.native = new Uint8Array(w * h * 3);
    this.taps = { x: axisTaps(w, spec.width), y: axisTaps(h, spec.height) };
  }
  get count(): number {
    return this.planes.length;
  }
  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(chunk.length - at, this.native.length - this.filled);
      this.native.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled < this.native.length) continue;
      const frame = new Uint8Array(frameBytes(this.spec));
      const { width, height } = this.spec;
      resizeRgb24ToPlanar(this.native, this.w, this.h, width, height, frame, 0, this.taps);
      this.planes.push(frame);
      this.filled = 0;
    }
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.planes.length * frameBytes(this.spec));
    this.planes.forEach((p, i) => out.set(p, i * p.length));
    return out;
  }
}
