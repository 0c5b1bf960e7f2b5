// The lstv graph (Long-Short-Term Visual module): local [B,T,N,C] and global [B,G,N,C] CLIP hidden states →
// video_emb [B, T·N, dim], the cross-attention memory of every decoder layer. The intermediates are also
// outputs so the reference check can compare them; the engine fetches only video_emb.
import type { BuiltGraph, GraphBuildContext } from './context';
import { GraphFile } from './common/graph-file';
import { attention } from './common/attention';
import { geluErf, layerNorm, linear } from './common/ops';
import { addWeight, readKey, linearWeight, dimsOf } from './common/weights';
import type { GraphBuilder } from '../onnx/builder';

/** Builds `lstv.onnx` (batch, local and global frame counts are dynamic); fused attention by default, as CLIP. */
export function buildLstvGraph(ctx: GraphBuildContext, opts: { fused?: boolean } = {}): BuiltGraph {
  const { lm, clip } = ctx;
  const n = clip.tokensPerFrame;
  const c = lm.temporalDim;
  const g = new GraphFile(ctx, 'lstv', 'fp32', 'lstv.onnx');
  const b = g.b;
  const local = g.input('local_hidden', 'float32', ['batch', 'local_frames', n, c]);
  const global = g.input('global_hidden', 'float32', ['batch', 'global_frames', n, c]);
  const branch = (x: string, name: 'local' | 'global'): string => {
    const frames = b.op('Reshape', [x, b.constI64([-1, n, c])]);
    const input = b.op('Add', [frames, addPos(ctx, b, `${name}_pos_embedding`)]);
    g.output(input, `${name}_tt_input`, 'float32', [`${name}_rows`, n, c]);
    const out = temporalTransformer(ctx, b, input, `${name}_temporal_transformer`, opts.fused ?? true);
    g.output(out, `${name}_tt_output`, 'float32', [`${name}_rows`, n, c]);
    return reshapeTokens(b, out, x, c);
  };
  const l = branch(local, 'local');
  const gl = branch(global, 'global');
  const fused = fusion(ctx, b, l, gl, opts.fused ?? true);
  g.output(fused, 'fused', 'float32', ['batch', 'local_tokens', c]);
  const emb = linear(ctx, b, fused, 'visual_feature_proj');
  g.output(emb, 'video_emb', 'float32', ['batch', 'local_tokens', lm.dim]);
  return g.finish();
}

/** [B·T, N, C] → [B, T·N, C] with B taken from the original 4-D input. */
function reshapeTokens(b: GraphBuilder, x: string, original: string, c: number): string {
  const batch = b.op('Slice', [b.op('Shape', [original]), b.constI64([0]), b.constI64([1])]);
  return b.op('Reshape', [x, b.op('Concat', [batch, b.constI64([-1, c])], { axis: 0 })]);
}

function addPos(ctx: GraphBuildContext, b: GraphBuilder, key: string): string {
  const d = dimsOf(ctx, key);
  return addWeight(ctx, b, key, d, () => readKey(ctx, key), false);
}

function temporalTransformer(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  p: string,
  fused: boolean,
): string {
  const { lm } = ctx;
  const inner = lm.lstvHeads * lm.lstvDimHead;
  for (let i = 0; i < lm.lstvDepth; i++) {
    const a = `${p}.layers.${i}.0.`;
    const h = layerNorm(ctx, b, x, `${a}norm`, lm.layerNormEps);
    const qkv = b.op('MatMul', [h, linearWeight(ctx, b, `${a}fn.to_qkv.weight`)]);
    const [q, k, v] = b.opN('Split', [qkv, b.constI64([inner, inner, inner])], { axis: -1 }, { outputs: 3 });
    const att = attention(b, q, k, v, { heads: lm.lstvHeads, headDim: lm.lstvDimHead, fused });
    x = b.op('Add', [linear(ctx, b, att, `${a}fn.to_out.0`), x]);
    const f = `${p}.layers.${i}.1.`;
    const h2 = layerNorm(ctx, b, x, `${f}norm`, lm.layerNormEps);
    const m = linear(ctx, b, geluErf(b, linear(ctx, b, h2, `${f}fn.net.0`)), `${f}fn.net.3`);
    x = b.op('Add', [m, x]);
  }
  return layerNorm(ctx, b, x, `${p}.norm`, lm.layerNormEps);
}

/** Local→global cross-attention, residual + norm1, zero-initialised linear + residual + norm2. */
function fusion(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  local: string,
  global: string,
  fused: boolean,
): string {
  const { lm } = ctx;
  const p = 'multi_head_cross_attention.';
  const q = linear(ctx, b, local, `${p}query`);
  const k = linear(ctx, b, global, `${p}key`);
  const v = linear(ctx, b, global, `${p}value`);
  const heads = lm.fusionHeads;
  const a = attention(b, q, k, v, { heads, headDim: lm.temporalDim / heads, fused });
  const o = layerNorm(ctx, b, b.op('Add', [a, local]), `${p}norm1`, lm.layerNormEps);
  return layerNorm(
    ctx,
    b,
    b.op('Add', [linear(ctx, b, o, `${p}final_linear`), o]),
    `${p}norm2`,
    lm.layerNormEps,
  );
}
