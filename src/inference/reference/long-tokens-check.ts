// The long-video reference run: two windows of a 31 s video, the second prompted with the last 25 codes of the
// first, each conditioned on the local frames the reference actually used (index.json "windows"). On the CPU
// the free greedy run must equal the reference; on other providers each window is teacher-forced instead.
import { normalizeFrames } from '../frames/normalize';
import type { DecoderModel } from '../generation/decoder-model';
import { generateTokens } from '../generation/generate';
import type { CheckResult, ReferenceContext } from './check';
import { exactCheck } from './compare';
import { feed, runGraph } from './graph-runner';
import { forcedMargins, forcedResult, type ForcedMargins } from './long-tokens-forced';

interface WindowSpec {
  prompt_len: number;
  max_gen_len: number;
  local_frame_indices: number[];
}

/** Frames [C, T, H, W] uint8 → [T, C, H, W]. */
function framesFirst(data: Uint8Array, C: number, T: number, plane: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let c = 0; c < C; c++)
    for (let t = 0; t < T; t++)
      out.set(data.subarray((c * T + t) * plane, (c * T + t + 1) * plane), (t * C + c) * plane);
  return out;
}

/** CLIP last_hidden_state of every local frame, every global frame and one all-black frame. */
async function hiddenStates(ctx: ReferenceContext): Promise<{
  local: Float32Array;
  global: Float32Array;
  black: Float32Array;
  frameSize: number;
  tokens: number;
  hidden: number;
}> {
  const loc = ctx.npy('long_input_local_frames_u8');
  const glo = ctx.npy('long_input_global_frames_u8');
  const [C, TL, H, W] = loc.shape;
  const TG = glo.shape[1];
  const n = TL + TG + 1;
  const all = new Uint8Array(n * C * H * W);
  all.set(framesFirst(loc.data as Uint8Array, C, TL, H * W));
  all.set(framesFirst(glo.data as Uint8Array, C, TG, H * W), TL * C * H * W);
  const spec = { fps: ctx.manifest.video.fps, width: W, height: H };
  const pv = normalizeFrames({ spec, count: n, data: all }, ctx.manifest.video.mean, ctx.manifest.video.std);
  const clip = await runGraph(ctx, 'visual_encoder', {
    pixel_values: feed({ dtype: 'float32', shape: [n, C, H, W], data: pv }),
  });
  const [, tokens, hidden] = clip.last_hidden_state.dims;
  const hs = clip.last_hidden_state.data as Float32Array;
  const frameSize = tokens * hidden;
  return {
    local: hs.subarray(0, TL * frameSize),
    global: hs.subarray(TL * frameSize, (TL + TG) * frameSize),
    black: hs.subarray((TL + TG) * frameSize),
    frameSize,
    tokens,
    hidden,
  };
}

/** The CFG video memory of one window: cond rows from the chosen local frames, null rows all-black. */
async function windowMemory(
  ctx: ReferenceContext,
  h: Awaited<ReturnType<typeof hiddenStates>>,
  local: number[],
): Promise<Float32Array> {
  const G = h.global.length / h.frameSize;
  const pair = (cond: (i: number) => Float32Array, count: number): Float32Array => {
    const out = new Float32Array(2 * count * h.frameSize);
    for (let i = 0; i < count; i++) {
      out.set(cond(i), i * h.frameSize);
      out.set(h.black, (count + i) * h.frameSize);
    }
    return out;
  };
  const l = pair((i) => h.local.subarray(local[i] * h.frameSize, (local[i] + 1) * h.frameSize), local.length);
  const g = pair((i) => h.global.subarray(i * h.frameSize, (i + 1) * h.frameSize), G);
  const out = await runGraph(ctx, 'lstv', {
    local_hidden: feed({ dtype: 'float32', shape: [2, local.length, h.tokens, h.hidden], data: l }),
    global_hidden: feed({ dtype: 'float32', shape: [2, G, h.tokens, h.hidden], data: g }),
  });
  return out.video_emb.data as Float32Array;
}

/** long_tokens: window 1, then window 2 prompted with window 1's last codes; new codes appended. */
export async function longTokensCheck(ctx: ReferenceContext, decoder: DecoderModel): Promise<CheckResult> {
  const windows = (ctx.index.tensors.long_tokens as unknown as { windows: WindowSpec[] }).windows;
  const K = decoder.lm.nQ;
  const h = await hiddenStates(ctx);
  if (decoder.provider !== 'cpu') {
    const ref = Int32Array.from(ctx.npy('long_tokens').data as BigInt64Array, Number);
    const margins: ForcedMargins[] = [];
    let from = 0;
    for (const w of windows) {
      const memory = await windowMemory(ctx, h, w.local_frame_indices);
      const start = from - w.prompt_len;
      margins.push(
        await forcedMargins(decoder, memory, slice(ref, K, start, start + w.max_gen_len), w.prompt_len),
      );
      from = start + w.max_gen_len;
    }
    return forcedResult(margins, decoder.provider);
  }
  const parts: Int32Array[] = [];
  let prev: Int32Array | null = null;
  for (const w of windows) {
    const memory = await windowMemory(ctx, h, w.local_frame_indices);
    const prompt =
      prev && w.prompt_len > 0 ? { codes: tail(prev, K, w.prompt_len), frames: w.prompt_len } : undefined;
    const r = await generateTokens(
      decoder,
      { data: memory, rows: 2 },
      {
        useSampling: false,
        temperature: 1,
        topK: 250,
        topP: 0,
        cfgCoef: 3,
        seed: 0,
        frames: w.max_gen_len,
        prompt,
      },
    );
    parts.push(columns(r.codes, K, w.prompt_len));
    prev = r.codes;
  }
  return exactCheck('long_tokens', concat(parts, K), ctx.npy('long_tokens').data as BigInt64Array);
}

/** Frames [from, to) of codes [K, T]. */
function slice(codes: Int32Array, K: number, from: number, to: number): Int32Array {
  const T = codes.length / K;
  const out = new Int32Array(K * (to - from));
  for (let k = 0; k < K; k++) out.set(codes.subarray(k * T + from, k * T + to), k * (to - from));
  return out;
}

function tail(codes: Int32Array, K: number, n: number): Int32Array {
  const T = codes.length / K;
  return columns(codes, K, T - n);
}

function columns(codes: Int32Array, K: number, from: number): Int32Array {
  const T = codes.length / K;
  const out = new Int32Array(K * (T - from));
  for (let k = 0; k < K; k++) out.set(codes.subarray(k * T + from, (k + 1) * T), k * (T - from));
  return out;
}

function concat(parts: Int32Array[], K: number): Int32Array {
  const lens = parts.map((p) => p.length / K);
  const T = lens.reduce((a, b) => a + b, 0);
  const out = new Int32Array(K * T);
  for (let k = 0; k < K; k++) {
    let at = 0;
    parts.forEach((p, i) => {
      out.set(p.subarray(k * lens[i], (k + 1) * lens[i]), k * T + at);
      at += lens[i];
    });
  }
  return out;
}
