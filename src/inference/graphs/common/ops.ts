// Building blocks shared by all graph builders: linear layers, LayerNorm, activations.
import { f, type GraphBuilder } from '../../onnx/builder';
import type { GraphBuildContext } from '../context';
import { linearWeight, param } from './weights';

/** x·Wᵀ (+ b) for a torch Linear stored under `prefix` (`.weight`, optional `.bias`). */
export function linear(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  bias = true,
): string {
  const y = b.op('MatMul', [x, linearWeight(ctx, b, `${prefix}.weight`)]);
  return bias ? b.op('Add', [y, param(ctx, b, `${prefix}.bias`, false)]) : y;
}

/** LayerNormalization over the last axis with a torch LayerNorm's weight and bias. */
export function layerNorm(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  eps: number,
): string {
  const scale = param(ctx, b, `${prefix}.weight`, false);
  const bias = param(ctx, b, `${prefix}.bias`, false);
  return b.op('LayerNormalization', [x, scale, bias], { axis: -1, epsilon: f(eps) });
}

/** Exact (erf) GELU, as torch's nn.GELU() and F.gelu default: onnxruntime's contrib Gelu is the erf form. */
export function geluErf(b: GraphBuilder, x: string): string {
  return b.op('Gelu', [x], {}, { domain: 'com.microsoft' });
}

/** CLIP's quick_gelu: x·σ(1.702·x). */
export function quickGelu(b: GraphBuilder, x: string): string {
  const s = b.op('Sigmoid', [b.op('Mul', [x, b.constF32([1.702], [])])]);
  return b.op('Mul', [x, s]);
}
