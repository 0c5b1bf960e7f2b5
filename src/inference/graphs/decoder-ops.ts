// Small graph helpers shared by the decoder graphs: weights from the checkpoint, LayerNorm, head split/merge.
import { f, u8, type GraphBuilder } from '../onnx/builder';
import type { WeightSource } from '../convert/weights';
import { f32ToHalfBits } from '../convert/dtype';
import type { MatrixSource } from './decoder-linear';

/** A checkpoint matrix [out, in] as a lazily read source. */
export function matrix(weights: WeightSource, key: string): MatrixSource {
  const e = weights.get(key);
  if (e.dims.length !== 2) throw new Error(`${key}: expected a matrix, got shape [${e.dims}]`);
  return { out: e.dims[0], in: e.dims[1], read: () => e.readF32() };
}

/** A small checkpoint tensor as a float32 (or float16) initializer (LayerNorm parameters, embeddings). */
export function vectorInit(
  g: GraphBuilder,
  weights: WeightSource,
  key: string,
  dtype: FloatType = 'float32',
): string {
  const e = weights.get(key);
  return g.initLazy(key, dtype, e.dims, () =>
    dtype === 'float16' ? u8(f32ToHalfBits(e.readF32())) : u8(e.readF32()),
  );
}

/** Float element types the decoder graphs compute in. */
export type FloatType = 'float32' | 'float16';

/** A float constant of the graph's compute type. */
export function constFloat(
  g: GraphBuilder,
  values: readonly number[],
  dims: readonly number[],
  dtype: FloatType,
): string {
  if (dtype === 'float32') return g.constF32(values, dims);
  return g.init(g.fresh('c'), { dtype, dims, bytes: u8(f32ToHalfBits(new Float32Array(values))) });
}

/** LayerNormalization over the last axis with the checkpoint's `<prefix>.weight` / `.bias`. */
export function layerNorm(
  g: GraphBuilder,
  weights: WeightSource,
  x: string,
  prefix: string,
  eps: number,
  dtype: FloatType = 'float32',
): string {
  const w = vectorInit(g, weights, `${prefix}.weight`, dtype);
  const b = vectorInit(g, weights, `${prefix}.bias`, dtype);
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
