// Checkpoint tensors as graph initializers: read lazily (never in a dry run), optionally stored as float16
// and cast back to float32 inside the graph, with the bytes read reported for progress.
import { u8, type GraphBuilder } from '../../onnx/builder';
import { f32ToHalfBits } from '../../convert/dtype';
import type { GraphBuildContext } from '../context';

/** Weights smaller than this stay float32 even with --fp16 (norms, biases: no gain, some loss). */
const FP16_MIN_ELEMENTS = 4096;

/** Reads a checkpoint tensor as float32. */
export function readKey(ctx: GraphBuildContext, key: string): Float32Array {
  return ctx.weights.get(key).readF32();
}

/** Shape of a checkpoint tensor (marks it used). */
export const dimsOf = (ctx: GraphBuildContext, key: string): number[] => [...ctx.weights.get(key).dims];

/**
 * Adds a float32 weight computed by `produce` (called only when the graph is really written). With
 * --fp16 large weights are stored as float16 and cast to float32 in the graph. Returns a float32 value.
 */
export function addWeight(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  name: string,
  dims: readonly number[],
  produce: () => Float32Array,
  allowHalf = true,
): string {
  const n = dims.reduce((a, c) => a * c, 1);
  if (ctx.weightDType === 'float16' && allowHalf && n >= FP16_MIN_ELEMENTS) {
    const half = b.initLazy(`${name}.f16`, 'float16', dims, () =>
      reported(ctx, u8(f32ToHalfBits(checked(name, produce(), n)))),
    );
    return b.op('Cast', [half], { to: 1 }, { outputs: [name] });
  }
  return b.initLazy(name, 'float32', dims, () => reported(ctx, u8(checked(name, produce(), n))));
}

/** A checkpoint tensor as-is (same shape). */
export function param(ctx: GraphBuildContext, b: GraphBuilder, key: string, allowHalf = true): string {
  return addWeight(ctx, b, key, dimsOf(ctx, key), () => readKey(ctx, key), allowHalf);
}

/** A Linear weight [out, in] stored transposed as [in, out] for MatMul. */
export function linearWeight(ctx: GraphBuildContext, b: GraphBuilder, key: string): string {
  const [out, inp] = dimsOf(ctx, key);
  return addWeight(ctx, b, `${key}.T`, [inp, out], () => transpose2d(readKey(ctx, key), out, inp));
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transpose2d(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  const tile = 64;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    for (let c0 = 0; c0 < cols; c0 += tile) {
      const r1 = Math.min(rows, r0 + tile);
      const c1 = Math.min(cols, c0 + tile);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * rows + r] = a[r * cols + c];
    }
  }
  return out;
}

/** Progress counts bytes written to the bundle, as every graph builder reports them. */
function reported(ctx: GraphBuildContext, bytes: Uint8Array): Uint8Array {
  ctx.onBytes?.(bytes.byteLength);
  return bytes;
}

function checked(name: string, a: Float32Array, n: number): Float32Array {
  if (a.length !== n) throw new Error(`weight ${name}: produced ${a.length} values, expected ${n}`);
  return a;
}
