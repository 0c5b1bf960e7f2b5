// Small graph helpers shared by the decoder graphs: weights from the checkpoint, LayerNorm, head split/merge.
import { f, u8, type GraphBuilder } from '../onnx/builder';
import type { WeightSource } from '../convert/weights';
import type { MatrixSource } from './decoder-linear';

/** A checkpoint matrix [out, in] as a lazily read source. */
export function matrix(weights: WeightSource, key: string): MatrixSource {
  const e = weights.get(key);
  if (e.dims.length !== 2) throw new Error(`${key}: expected a matrix, got shape [${e.dims}]`);
  return { out: e.dims[0], in: e.dims[1], read: () => e.readF32() };
}

/** A small float32 checkpoint tensor as an initializer (LayerNorm parameters, embeddings). */
export function vectorInit(g: GraphBuilder, weights: WeightSource, key: string): string {
  const e = weights.get(key);
  return g.initLazy(key, 'float32', e.dims, () => u8(e.readF32()));
}

/** LayerNormalization over the last axis with the checkpoint's `<prefix>.weight` / `.bias`. */
export function layerNorm(
  g: GraphBuilder,
  weights: WeightSource,
  x: string,
  prefix: string,
  eps: number,
): string {
  const w = vectorInit(g, weights, `${prefix}.weight`);
  const b = vectorInit(g, weights, `${prefix}.bias`);
  return g.op('LayerNormalization', [x, w, b], { axis: -1, epsilon: f(eps) });
}

/** [N, S, H·d] → [N, H, S, d]. */
export function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const r = g.op('Reshape', [x, g.constI64([0, 0, heads, headDim])]);
  return g.op('Transpose', [r], { perm: [0, 2, 1, 3] });
}

/** [N, H, S, d] → [N, S, H·d]. */
export function mergeHeads(g: GraphBuilder, x: string, dim: number): string {
  const t = g.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return g.op('Reshape', [t, g.constI64([0, 0, dim])]);
}
