// The visual_encoder graph: CLIP ViT vision tower, pixel values [N,3,I,I] → last_hidden_state [N,T,C]
// (patch conv without bias, CLS + learned positions, pre_layrnorm, pre-LN layers with quick_gelu, no
// post-LN on the tokens) and, for checking a CLIP port, image_embeds = projection(post_layernorm(CLS)).
import type { BuiltGraph, GraphBuildContext } from './context';
import { GraphFile } from './common/graph-file';
import { attention } from './common/attention';
import { layerNorm, linear, quickGelu } from './common/ops';
import { dimsOf, linearWeight, param } from './common/weights';
import type { GraphBuilder } from '../onnx/builder';

const P = 'visual_encoder_model.vision_model.';

/**
 * Builds `visual_encoder.onnx`; the frame count N is dynamic. Attention uses onnxruntime's fused
 * MultiHeadAttention by default (faster on CPU, same results within 1e-5); `fused: false` gives primitive ops.
 */
export function buildClipGraph(ctx: GraphBuildContext, opts: { fused?: boolean } = {}): BuiltGraph {
  const c = ctx.clip;
  const g = new GraphFile(ctx, 'visual_encoder', 'fp32', 'visual_encoder.onnx');
  const b = g.b;
  const pixels = g.input('pixel_values', 'float32', ['frames', 3, c.imageSize, c.imageSize]);
  let x = embeddings(ctx, b, pixels);
  x = layerNorm(ctx, b, x, `${P}pre_layrnorm`, c.layerNormEps);
  for (let i = 0; i < c.numLayers; i++)
    x = encoderLayer(ctx, b, x, `${P}encoder.layers.${i}.`, opts.fused ?? true);
  g.output(x, 'last_hidden_state', 'float32', ['frames', c.tokensPerFrame, c.hiddenSize]);
  const cls = b.op('Gather', [x, b.constI64([0], [])], { axis: 1 });
  const pooled = layerNorm(ctx, b, cls, `${P}post_layernorm`, c.layerNormEps);
  const proj = dimsOf(ctx, 'visual_encoder_model.visual_projection.weight');
  const embeds = b.op('MatMul', [
    pooled,
    linearWeight(ctx, b, 'visual_encoder_model.visual_projection.weight'),
  ]);
  g.output(embeds, 'image_embeds', 'float32', ['frames', proj[0]]);
  return g.finish();
}

function embeddings(ctx: GraphBuildContext, b: GraphBuilder, pixels: string): string {
  const c = ctx.clip;
  const w = param(ctx, b, `${P}embeddings.patch_embedding.weight`);
  const conv = b.op('Conv', [pixels, w], {
    kernel_shape: [c.patchSize, c.patchSize],
    strides: [c.patchSize, c.patchSize],
  });
  const patches = b.op('Transpose', [b.op('Reshape', [conv, b.constI64([0, c.hiddenSize, -1])])], {
    perm: [0, 2, 1],
  });
  const clsVec = b.op('Reshape', [
    param(ctx, b, `${P}embeddings.class_embedding`, false),
    b.constI64([1, 1, c.hiddenSize]),
  ]);
  const n = b.op('Slice', [b.op('Shape', [pixels]), b.constI64([0]), b.constI64([1])]);
  const clsShape = b.op('Concat', [n, b.constI64([1, c.hiddenSize])], { axis: 0 });
  const cls = b.op('Expand', [clsVec, clsShape]);
  const tokens = b.op('Concat', [cls, patches], { axis: 1 });
  return b.op('Add', [tokens, param(ctx, b, `${P}embeddings.position_embedding.weight`)]);
}

function encoderLayer(ctx: GraphBuildContext, b: GraphBuilder, x: string, p: string, fused: boolean): string {
  const c = ctx.clip;
  const h = layerNorm(ctx, b, x, `${p}layer_norm1`, c.layerNormEps);
  const q = linear(ctx, b, h, `${p}self_attn.q_proj`);
  const k = linear(ctx, b, h, `${p}self_attn.k_proj`);
  const v = linear(ctx, b, h, `${p}self_attn.v_proj`);
  const headDim = c.hiddenSize / c.numHeads;
  const a = attention(b, q, k, v, { heads: c.numHeads, headDim, fused });
  const x1 = b.op('Add', [x, linear(ctx, b, a, `${p}self_attn.out_proj`)]);
  const h2 = layerNorm(ctx, b, x1, `${p}layer_norm2`, c.layerNormEps);
  const m = linear(ctx, b, quickGelu(b, linear(ctx, b, h2, `${p}mlp.fc1`)), `${p}mlp.fc2`);
  return b.op('Add', [x1, m]);
}
