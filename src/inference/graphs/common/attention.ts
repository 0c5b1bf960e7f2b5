// Multi-head scaled dot-product attention over [B, S, H·D] tensors (heads split as `(h d)`).
import { f, type GraphBuilder } from '../../onnx/builder';

/** Options of one attention call. */
export interface AttentionOptions {
  heads: number;
  headDim: number;
  /** Multiplies the scores; default 1/√headDim. */
  scale?: number;
  /** Use onnxruntime's fused MultiHeadAttention (com.microsoft) instead of primitive ops. */
  fused?: boolean;
}

/** softmax(q·kᵀ·scale)·v per head; q [B,Sq,H·D], k/v [B,Sk,H·D] → [B,Sq,H·D]. No mask. */
export function attention(b: GraphBuilder, q: string, k: string, v: string, o: AttentionOptions): string {
  const scale = o.scale ?? 1 / Math.sqrt(o.headDim);
  if (o.fused)
    return b.op(
      'MultiHeadAttention',
      [q, k, v],
      { num_heads: o.heads, scale: f(scale) },
      { domain: 'com.microsoft' },
    );
  const split = b.constI64([0, 0, o.heads, o.headDim]);
  const qh = b.op('Transpose', [b.op('Reshape', [q, split])], { perm: [0, 2, 1, 3] });
  const kt = b.op('Transpose', [b.op('Reshape', [k, split])], { perm: [0, 2, 3, 1] });
  const vh = b.op('Transpose', [b.op('Reshape', [v, split])], { perm: [0, 2, 1, 3] });
  const scores = b.op('Mul', [b.op('MatMul', [qh, kt]), b.constF32([scale], [])]);
  const ctxh = b.op('MatMul', [b.op('Softmax', [scores], { axis: -1 }), vh]);
  const merged = b.op('Transpose', [ctxh], { perm: [0, 2, 1, 3] });
  return b.op('Reshape', [merged, b.constI64([0, 0, o.heads * o.headDim])]);
}
