// End to end, as the app runs a window: uint8 frames (and the all-black null video) → pixel values → CLIP →
// LSTV → greedy CFG generation → codec, compared with VidMuse.generate's tokens (exact) and audio (1e-5).
import { normalizeFrames } from '../frames/normalize';
import { generateTokens } from '../generation/generate';
import { tensor } from '../runtime/session';
import { TOLERANCE, type CheckResult, type ReferenceCheck, type ReferenceContext } from './check';
import { closeCheck, exactCheck } from './compare';
import { GREEDY, loadDecoder } from './decoder-checks';
import { runGraph } from './graph-runner';
import { framesOf } from './video-checks';

/** CLIP hidden states [2, T, N, C] of the first video of the fixture batch (row 0) and the null video (row 1). */
async function hiddenOf(
  ctx: ReferenceContext,
  side: 'local' | 'global',
): Promise<{ data: Float32Array; dims: number[] }> {
  const u8 = ctx.npy(`input_${side}_frames_u8`);
  const [, , T, H, W] = u8.shape;
  const frames = new Uint8Array(2 * T * 3 * H * W);
  frames.set(framesOf(u8).subarray(0, T * 3 * H * W));
  const spec = { fps: ctx.manifest.video.fps, width: W, height: H };
  const pv = normalizeFrames(
    { spec, count: 2 * T, data: frames },
    ctx.manifest.video.mean,
    ctx.manifest.video.std,
  );
  const out = await runGraph(ctx, 'visual_encoder', {
    pixel_values: tensor('float32', pv, [2 * T, 3, H, W]),
  });
  const [, n, c] = out.last_hidden_state.dims;
  return { data: out.last_hidden_state.data as Float32Array, dims: [2, T, n, c] };
}

/** Tokens and audio of VidMuse.generate reproduced from raw frames by our own graphs only. */
export const pipelineCheck: ReferenceCheck = async (ctx) => {
  if (!ctx.has('vidmuse_generate_tokens') || !ctx.has('input_local_frames_u8')) return [];
  const local = await hiddenOf(ctx, 'local');
  const global = await hiddenOf(ctx, 'global');
  const lstv = await runGraph(ctx, 'lstv', {
    local_hidden: tensor('float32', local.data, local.dims),
    global_hidden: tensor('float32', global.data, global.dims),
  });
  const ref = ctx.npy('vidmuse_generate_tokens');
  const decoder = await loadDecoder(ctx);
  let codes: BigInt64Array;
  try {
    const r = await generateTokens(
      decoder,
      { data: lstv.video_emb.data as Float32Array, rows: 2 },
      { ...GREEDY, frames: ref.shape[2] },
    );
    codes = BigInt64Array.from(r.codes as ArrayLike<number | bigint>, (v) => BigInt(v));
  } finally {
    await decoder.dispose();
  }
  const out: CheckResult[] = [exactCheck('pipeline: tokens from frames', codes, ref.data as BigInt64Array)];
  if (ctx.has('vidmuse_generate_audio')) {
    const wav = await runGraph(ctx, 'codec_decoder', { codes: tensor('int64', codes, ref.shape) });
    const audio = ctx.npy('vidmuse_generate_audio');
    out.push(
      closeCheck(
        'pipeline: audio from frames',
        wav.waveform.data as Float32Array,
        audio.data as Float32Array,
        TOLERANCE.waveform,
        { ours: wav.waveform.dims, ref: audio.shape },
      ),
    );
  }
  return out;
};
