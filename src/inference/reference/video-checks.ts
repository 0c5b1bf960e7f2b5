// Reference checks of the video path: uint8 frames → pixel values → CLIP hidden states → LSTV → video_emb,
// for the plain batch and for the CFG batch (conditional rows, then the all-black null video).
import { normalizeFrames } from '../frames/normalize';
import type { NpyArray } from '../convert/npy';
import { TOLERANCE, type CheckResult, type ReferenceCheck, type ReferenceContext } from './check';
import { closeCheck } from './compare';
import { feed, runGraph } from './graph-runner';

/** Video [B,3,T,H,W] uint8 → frames (b t) c h w, as the reference's rearrange. */
export function framesOf(a: NpyArray): Uint8Array {
  const [B, C, T, H, W] = a.shape;
  const src = a.data as Uint8Array;
  const out = new Uint8Array(src.length);
  const plane = H * W;
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let t = 0; t < T; t++)
        out.set(
          src.subarray(((b * C + c) * T + t) * plane, ((b * C + c) * T + t + 1) * plane),
          ((b * T + t) * C + c) * plane,
        );
  return out;
}

function pixels(ctx: ReferenceContext, frames: Uint8Array, count: number, size: number): Float32Array {
  const spec = { fps: ctx.manifest.video.fps, width: size, height: size };
  return normalizeFrames({ spec, count, data: frames }, ctx.manifest.video.mean, ctx.manifest.video.std);
}

/** Pixel values, CLIP and LSTV of the fixture's plain batch. */
export const videoChecks: ReferenceCheck = async (ctx) => {
  const out: CheckResult[] = [];
  const hidden: Record<string, NpyArray> = {};
  for (const side of ['local', 'global'] as const) {
    const u8 = ctx.npy(`input_${side}_frames_u8`);
    const [B, , T, H] = u8.shape;
    const pv = pixels(ctx, framesOf(u8), B * T, H);
    const ref = ctx.npy(`clip_${side}_pixel_values`);
    out.push(closeCheck(`clip_${side}_pixel_values`, pv, ref.data as Float32Array, TOLERANCE.pixelValues));
    const clip = await runGraph(ctx, 'visual_encoder', { pixel_values: feed(ref) });
    const refHidden = ctx.npy(`clip_${side}_last_hidden_state`);
    out.push(cmp(`clip_${side}_last_hidden_state`, clip.last_hidden_state, refHidden, TOLERANCE.clip));
    if (ctx.has(`clip_${side}_image_embeds`))
      out.push(
        cmp(
          `clip_${side}_image_embeds`,
          clip.image_embeds,
          ctx.npy(`clip_${side}_image_embeds`),
          TOLERANCE.clip,
        ),
      );
    hidden[side] = { ...refHidden, shape: [B, T, refHidden.shape[1], refHidden.shape[2]] };
  }
  const lstv = await runGraph(ctx, 'lstv', {
    local_hidden: feed(hidden.local),
    global_hidden: feed(hidden.global),
  });
  for (const side of ['local', 'global'])
    for (const part of ['input', 'output'])
      out.push(
        cmp(
          `lstv_${side}_tt_${part}`,
          lstv[`${side}_tt_${part}`],
          ctx.npy(`lstv_${side}_tt_${part}`),
          TOLERANCE.lstv,
        ),
      );
  out.push(cmp('lstv_fused', lstv.fused, ctx.npy('lstv_fused'), TOLERANCE.lstv));
  out.push(cmp('video_emb', lstv.video_emb, ctx.npy('video_emb'), TOLERANCE.videoEmb));
  return out;
};

/** The CFG batch: cond + all-black null frames, end to end from uint8 to video_emb (our own CLIP output). */
export const cfgVideoChecks: ReferenceCheck = async (ctx) => {
  if (!ctx.has('gen_cfg_video_emb')) return [];
  const out: CheckResult[] = [];
  const hidden: Record<string, { dims: readonly number[]; data: Float32Array }> = {};
  for (const side of ['local', 'global'] as const) {
    const u8 = ctx.npy(`input_${side}_frames_u8`);
    const [B, , T, H] = u8.shape;
    const both = new Uint8Array(u8.data.length * 2);
    both.set(framesOf(u8));
    const pv = pixels(ctx, both, 2 * B * T, H);
    const ref = ctx.npy(`gen_cfg_${side}_pixel_values`);
    out.push(closeCheck(`gen_cfg_${side}_pixel_values`, pv, ref.data as Float32Array, TOLERANCE.pixelValues));
    const clip = await runGraph(ctx, 'visual_encoder', {
      pixel_values: feed({ dtype: 'float32', shape: ref.shape, data: pv }),
    });
    const d = clip.last_hidden_state.dims;
    hidden[side] = { dims: [2 * B, T, d[1], d[2]], data: clip.last_hidden_state.data as Float32Array };
  }
  const f = (h: { dims: readonly number[]; data: Float32Array }): ReturnType<typeof feed> =>
    feed({ dtype: 'float32', shape: [...h.dims], data: h.data });
  const lstv = await runGraph(ctx, 'lstv', {
    local_hidden: f(hidden.local),
    global_hidden: f(hidden.global),
  });
  out.push(cmp('gen_cfg_video_emb', lstv.video_emb, ctx.npy('gen_cfg_video_emb'), TOLERANCE.videoEmb));
  return out;
};

function cmp(
  name: string,
  ours: { dims: readonly number[]; data: Float32Array | BigInt64Array },
  ref: NpyArray,
  tol: number,
): CheckResult {
  return closeCheck(name, ours.data as Float32Array, ref.data as Float32Array, tol, {
    ours: ours.dims,
    ref: ref.shape,
  });
}
