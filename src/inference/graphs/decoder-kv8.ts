// Int8 attention K/V: the cross K/V graph stores each (row, head, memory token) slice of K and V as int8 with
// one float scale (the generation loop does the same for the self-attention cache), and the step graph
// multiplies them with integer MatMuls (queries and probabilities quantised per row on the fly), so a step
// reads a quarter of the fp32 K/V bytes.
import type { GraphBuilder } from '../onnx/builder';

const INT8 = 3;
const UINT8 = 2;
const FLOAT = 1;
/** Keeps a slice of zeros from dividing by zero (its codes are then all zero). */
const TINY = 1e-30;

/** Symmetric int8 codes of x and their scales, one per slice along `axis` (kept as a size-1 axis). */
export function quantizeSlices(g: GraphBuilder, x: string, axis: number): { codes: string; scale: string } {
  const amax = g.op('ReduceMax', [g.op('Abs', [x])], { axes: [axis], keepdims: 1 });
  const scale = g.op('Div', [g.op('Max', [amax, g.constF32([TINY], [])]), g.constF32([127], [])]);
  const codes = g.op('Cast', [g.op('Round', [g.op('Div', [x, scale])])], { to: INT8 });
  return { codes, scale };
}

/** Int8 codes of K or V with their scales [N, H, 1, M] (one per row, head and memory slot). */
export interface Int8Kv {
  codes: string;
  scale: string;
}

/**
 * Attention of queries q [N, H, S, d] (already scaled) against int8 K [N, H, d, M] and V [N, H, M, d] with
 * scales kScale, vScale [N, H, 1, M]; returns [N, H, S, d] in float32.
 */
export function int8Attention(g: GraphBuilder, q: string, k: Int8Kv, v: Int8Kv): string {
  return int8Weighted(g, g.op('Softmax', [int8Scores(g, q, k)], { axis: -1 }), v);
}

/** Float scores q·K [N, H, S, M] of queries q [N, H, S, d] against int8 K [N, H, d, M]. */
export function int8Scores(g: GraphBuilder, q: string, k: Int8Kv): string {
  // Queries: uint8 around a zero point of 128 with one scale per row (a row is one head of one token).
  const qmax = g.op('ReduceMax', [g.op('Abs', [q])], { axes: [3], keepdims: 1 });
  const qs = g.op('Div', [g.op('Max', [qmax, g.constF32([TINY], [])]), g.constF32([127], [])]);
  const qq = g.op('Cast', [g.op('Add', [g.op('Round', [g.op('Div', [q, qs])]), g.constF32([128], [])])], {
    to: UINT8,
  });
  const zp = g.op('Cast', [g.constF32([128], [])], { to: UINT8 });
  const dots = g.op('Cast', [g.op('MatMulInteger', [qq, k.codes, zp])], { to: FLOAT });
  return g.op('Mul', [g.op('Mul', [dots, qs]), k.scale]);
}

/** Probabilities p [N, H, S, M] times int8 V [N, H, M, d]: [N, H, S, d] in float32. */
export function int8Weighted(g: GraphBuilder, probs: string, v: Int8Kv): string {
  // V's per-token scale folds into the probabilities, which are then uint8 per row (zero point 0).
  const pw = g.op('Mul', [probs, v.scale]);
  const pmax = g.op('ReduceMax', [pw], { axes: [3], keepdims: 1 });
  const ps = g.op('Div', [g.op('Max', [pmax, g.constF32([TINY], [])]), g.constF32([255], [])]);
  const pq = g.op('Cast', [g.op('Round', [g.op('Div', [pw, ps])])], { to: UINT8 });
  const out = g.op('Cast', [g.op('MatMulInteger', [pq, v.codes])], { to: FLOAT });
  return g.op('Mul', [out, ps]);
}
