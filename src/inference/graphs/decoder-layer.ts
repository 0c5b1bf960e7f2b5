// One pre-norm transformer layer of the music-token decoder in step form: self-attention over a KV cache
// that stays in caller-owned buffers (only this call's new K/V leave the graph), cross-attention against
// K/V of the video memory computed once per window, and a GELU feed-forward block.
import type { GraphBuilder } from '../onnx/builder';
import type { WeightSource } from '../convert/weights';
import type { LmConfig } from '../bundle/types';
import { linear, rowSlice, type LinearStorage } from './decoder-linear';
import { computeTypeOf, crossKvStorageOf, decoderNames as n } from './decoder-names';
import { int8Attention, int8Scores, int8Weighted } from './decoder-kv8';
import { constFloat, layerNorm, matrix, mergeHeads, splitHeads } from './decoder-ops';

/** Shared values of the step graph that every layer reads. */
export interface LayerInputs {
  /** Additive mask over cache slots [1, 1, 1, T] (0 = filled, −inf = empty). */
  cacheMask: string;
  /** Additive causal mask among this call's tokens [1, 1, S, S]. */
  newMask: string;
  /** T, the cache capacity, as an int64 [1] (where the new tokens' scores start). */
  cacheLen: string;
}

/** Adds layer `l` to the step graph; declares its cache inputs and new-K/V outputs; returns the new x. */
export function stepLayer(
  g: GraphBuilder,
  w: WeightSource,
  lm: LmConfig,
  l: number,
  x: string,
  io: LayerInputs,
  s: LinearStorage,
): string {
  const p = `transformer.layers.${l}`;
  const C = lm.dim;
  const H = lm.numHeads;
  const d = C / H;
  const dt = computeTypeOf(s.variant);
  const inProj = matrix(w, `${p}.self_attn.in_proj_weight`);
  const h = layerNorm(g, w, x, `${p}.norm1`, lm.layerNormEps, dt);
  const qkv = linear(g, h, `${p}.self_attn.in_proj`, inProj, s);
  const [q, k, v] = g.opN('Split', [qkv, g.constI64([C, C, C])], { axis: -1 }, { outputs: 3 });
  const qh = g.op('Mul', [splitHeads(g, q, H, d), constFloat(g, [1 / Math.sqrt(d)], [], dt)]);
  const kh = splitHeads(g, k, H, d);
  const vh = splitHeads(g, v, H, d);
  g.output(kh, n.newK(l), dt, ['N', H, 'S', d]);
  g.output(vh, n.newV(l), dt, ['N', H, 'S', d]);
  const cache = selfCache(g, l, H, d, crossKvStorageOf(s.variant));
  const scoresCache = g.op('Add', [cache.scores(qh), io.cacheMask]);
  const kT = g.op('Transpose', [kh], { perm: [0, 1, 3, 2] });
  const scoresNew = g.op('Add', [g.op('MatMul', [qh, kT]), io.newMask]);
  const probs = g.op('Softmax', [g.op('Concat', [scoresCache, scoresNew], { axis: -1 })], { axis: -1 });
  const axis = g.constI64([3]);
  const pCache = g.op('Slice', [probs, g.constI64([0]), io.cacheLen, axis]);
  const pNew = g.op('Slice', [probs, io.cacheLen, g.constI64([Number.MAX_SAFE_INTEGER]), axis]);
  const attn = g.op('Add', [cache.weighted(pCache), g.op('MatMul', [pNew, vh])]);
  const selfOut = linear(
    g,
    mergeHeads(g, attn, C),
    `${p}.self_attn.out_proj`,
    matrix(w, `${p}.self_attn.out_proj.weight`),
    s,
  );
  x = g.op('Add', [x, selfOut]);
  x = g.op('Add', [x, crossAttention(g, w, lm, l, x, s)]);
  const h2 = layerNorm(g, w, x, `${p}.norm2`, lm.layerNormEps, dt);
  const ff = linear(g, h2, `${p}.linear1`, matrix(w, `${p}.linear1.weight`), s);
  const act = g.op('Gelu', [ff], {}, { domain: 'com.microsoft' });
  return g.op('Add', [x, linear(g, act, `${p}.linear2`, matrix(w, `${p}.linear2.weight`), s)]);
}

/** The self-attention cache inputs of layer l (float32, or int8 codes with scales) and how to attend to them. */
function selfCache(
  g: GraphBuilder,
  l: number,
  H: number,
  d: number,
  storage: 'fp32' | 'kv8' | 'fp16',
): { scores: (q: string) => string; weighted: (p: string) => string } {
  if (storage === 'kv8') {
    const k = {
      codes: g.input(n.cacheK(l), 'int8', ['N', H, d, 'T']),
      scale: g.input(n.cacheKScale(l), 'float32', ['N', H, 1, 'T']),
    };
    const v = {
      codes: g.input(n.cacheV(l), 'int8', ['N', H, 'T', d]),
      scale: g.input(n.cacheVScale(l), 'float32', ['N', H, 1, 'T']),
    };
    return { scores: (q) => int8Scores(g, q, k), weighted: (p) => int8Weighted(g, p, v) };
  }
  const dt = storage === 'fp16' ? 'float16' : 'float32';
  const cacheK = g.input(n.cacheK(l), dt, ['N', H, d, 'T']);
  const cacheV = g.input(n.cacheV(l), dt, ['N', H, 'T', d]);
  return { scores: (q) => g.op('MatMul', [q, cacheK]), weighted: (p) => g.op('MatMul', [p, cacheV]) };
}

/** Cross-attention of the queries against the window's precomputed K [N,H,d,M] and V [N,H,M,d]. */
function crossAttention(
  g: GraphBuilder,
  w: WeightSource,
  lm: LmConfig,
  l: number,
  x: string,
  s: LinearStorage,
): string {
  const p = `transformer.layers.${l}`;
  const C = lm.dim;
  const H = lm.numHeads;
  const d = C / H;
  const dt = computeTypeOf(s.variant);
  const h = layerNorm(g, w, x, `${p}.norm_cross`, lm.layerNormEps, dt);
  const wq = rowSlice(matrix(w, `${p}.cross_attention.in_proj_weight`), 0, C);
  const q = g.op('Mul', [
    splitHeads(g, linear(g, h, `${p}.cross_attention.q_proj`, wq, s), H, d),
    constFloat(g, [1 / Math.sqrt(d)], [], dt),
  ]);
  let heads: string;
  if (crossKvStorageOf(s.variant) === 'kv8') {
    const k = g.input(n.crossK(l), 'int8', ['N', H, d, 'M']);
    const kScale = g.input(n.crossKScale(l), 'float32', ['N', H, 1, 'M']);
    const v = g.input(n.crossV(l), 'int8', ['N', H, 'M', d]);
    const vScale = g.input(n.crossVScale(l), 'float32', ['N', H, 1, 'M']);
    heads = int8Attention(g, q, { codes: k, scale: kScale }, { codes: v, scale: vScale });
  } else {
    const k = g.input(n.crossK(l), dt, ['N', H, d, 'M']);
    const v = g.input(n.crossV(l), dt, ['N', H, 'M', d]);
    const probs = g.op('Softmax', [g.op('MatMul', [q, k])], { axis: -1 });
    heads = g.op('MatMul', [probs, v]);
  }
  const out = mergeHeads(g, heads, C);
  return linear(
    g,
    out,
    `${p}.cross_attention.out_proj`,
    matrix(w, `${p}.cross_attention.out_proj.weight`),
    s,
  );
}
