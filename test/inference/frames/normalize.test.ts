import { describe, expect, it } from 'vitest';
import { readNpy } from '../../../src/inference/convert/npy';
import type { Frames } from '../../../src/inference/frames/frame-spec';
import { gatherFrames, sliceFrames } from '../../../src/inference/frames/frame-spec';
import { blackFrames, normalizeFrames } from '../../../src/inference/frames/normalize';
import { TENSORS_DIR } from '../../fixtures/paths';

const REF = TENSORS_DIR;
const MEAN = [0.48145466, 0.4578275, 0.40821073];
const STD = [0.26862954, 0.26130258, 0.27577711];
const spec = { fps: 2, width: 32, height: 32 };

/** [B,3,T,H,W] uint8 as the reference stores it → our [(B·T),3,H,W] frames. */
function toFrames(name: string): Frames {
  const a = readNpy(`${REF}/${name}`);
  const [b, c, t, h, w] = a.shape as number[];
  const src = a.data as Uint8Array;
  const out = new Uint8Array(src.length);
  const plane = h! * w!;
  for (let bi = 0; bi < b!; bi++)
    for (let ci = 0; ci < c!; ci++)
      for (let ti = 0; ti < t!; ti++)
        out.set(
          src.subarray(((bi * c! + ci) * t! + ti) * plane, ((bi * c! + ci) * t! + ti + 1) * plane),
          ((bi * t! + ti) * c! + ci) * plane,
        );
  return { spec, count: b! * t!, data: out };
}

describe('normalizeFrames', () => {
  it.each([
    ['input_local_frames_u8.npy', 'clip_local_pixel_values.npy'],
    ['input_global_frames_u8.npy', 'clip_global_pixel_values.npy'],
  ])('reproduces the reference pixel values of %s exactly', (frames, pixels) => {
    const ours = normalizeFrames(toFrames(frames), MEAN, STD);
    const ref = readNpy(`${REF}/${pixels}`).data as Float32Array;
    expect(ours.length).toBe(ref.length);
    expect(Buffer.from(ours.buffer).equals(Buffer.from(ref.buffer, ref.byteOffset, ref.byteLength))).toBe(
      true,
    );
  });

  it('turns black frames into the reference null condition', () => {
    const ours = normalizeFrames(blackFrames(spec, 8), MEAN, STD);
    const ref = readNpy(`${REF}/gen_cfg_local_pixel_values.npy`).data as Float32Array;
    expect([...ours]).toEqual([...ref.subarray(ref.length / 2)]);
  });
});

describe('frame views', () => {
  const f: Frames = {
    spec: { fps: 2, width: 1, height: 1 },
    count: 3,
    data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]),
  };
  it('slices and gathers whole frames', () => {
    expect([...sliceFrames(f, 1, 3).data]).toEqual([4, 5, 6, 7, 8, 9]);
    expect([...gatherFrames(f, [2, 0, 2]).data]).toEqual([7, 8, 9, 1, 2, 3, 7, 8, 9]);
    expect(() => gatherFrames(f, [3])).toThrow(RangeError);
  });
});
