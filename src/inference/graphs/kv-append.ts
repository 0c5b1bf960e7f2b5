// The self-attention cache append graph for device-resident caches: the cache K [N, H, d, T], V [N, H, T, d] and
// mask [1, 1, 1, T] of every layer plus a step's new K/V [N, H, S, d] → the cache of T + S slots. Run on the
// device after every step, so the cache never travels through host memory.
import { GraphBuilder, u8 } from '../onnx/builder';

/** Names of the append graph's inputs and outputs. */
export const kvAppendNames = {
  pastK: (l: number): string => `past_k_${l}`,
  pastV: (l: number): string => `past_v_${l}`,
  newK: (l: number): string => `new_k_${l}`,
  newV: (l: number): string => `new_v_${l}`,
  pastMask: 'past_mask',
  presentK: (l: number): string => `present_k_${l}`,
  presentV: (l: number): string => `present_v_${l}`,
  presentMask: 'present_mask',
} as const;

/** The serialised append graph for `layers` layers of `heads`×`headDim` K/V stored as `dtype`. */
export function buildKvAppendGraph(
  layers: number,
  heads: number,
  headDim: number,
  dtype: 'float32' | 'float16',
): Uint8Array {
  const n = kvAppendNames;
  const g = new GraphBuilder('kv_append', null, 17);
  const mask = g.input(n.pastMask, 'float32', [1, 1, 1, 'T']);
  let newSteps = '';
  for (let l = 0; l < layers; l++) {
    const pastK = g.input(n.pastK(l), dtype, ['N', heads, headDim, 'T']);
    const pastV = g.input(n.pastV(l), dtype, ['N', heads, 'T', headDim]);
    const newK = g.input(n.newK(l), dtype, ['N', heads, 'S', headDim]);
    const newV = g.input(n.newV(l), dtype, ['N', heads, 'S', headDim]);
    const kT = g.op('Transpose', [newK], { perm: [0, 1, 3, 2] });
    g.output(g.op('Concat', [pastK, kT], { axis: 3 }), n.presentK(l), dtype, ['N', heads, headDim, 'T+S']);
    g.output(g.op('Concat', [pastV, newV], { axis: 2 }), n.presentV(l), dtype, ['N', heads, 'T+S', headDim]);
    newSteps ||= g.op('Shape', [newK], { start: 2, end: 3 });
  }
  const zeroShape = g.op('Concat', [g.constI64([1, 1, 1]), newSteps], { axis: 0 });
  const zero = { dtype: 'float32' as const, dims: [1], bytes: u8(new Float32Array([0])) };
  const filled = g.op('ConstantOfShape', [zeroShape], { value: zero });
  g.output(g.op('Concat', [mask, filled], { axis: 3 }), n.presentMask, 'float32', [1, 1, 1, 'T+S']);
  return g.toBytes();
}
