// Linear layers of the decoder graphs in one of three storages: float32 (or float16 storage cast back),
// or block-quantised MatMulNBits weights. Weights are produced lazily so dry runs read nothing.
import { u8, type GraphBuilder } from '../onnx/builder';
import { f32ToHalfBits } from '../convert/dtype';
import { quantizeBlocks } from './decoder-quant';
import { weightPrecisionOf, type DecoderVariant } from './decoder-names';

/** A weight matrix W [out, in] (PyTorch Linear layout) read on demand. */
export interface MatrixSource {
  out: number;
  in: number;
  read(): Float32Array;
}

/** How linears are stored in one graph. */
export interface LinearStorage {
  variant: DecoderVariant;
  weightDType: 'float32' | 'float16';
  /** Called with the bytes of each produced weight (progress). */
  onBytes?: (bytes: number) => void;
}

/** Quantisation block size along the input dimension; 32 keeps int4 error low at small cost. */
export const QUANT_BLOCK = 32;

/** Adds y = x · Wᵀ for a [.., in] input; returns y [.., out]. */
export function linear(g: GraphBuilder, x: string, name: string, w: MatrixSource, s: LinearStorage): string {
  const precision = weightPrecisionOf(s.variant);
  if (precision === 'fp32' || precision === 'fp16') return denseLinear(g, x, name, w, s);
  const bits = precision === 'q8' ? 8 : 4;
  const blocks = Math.ceil(w.in / QUANT_BLOCK);
  const blockBytes = (QUANT_BLOCK * bits) / 8;
  // Asymmetric blocks at 4 bits: a zero point per block uses all 16 levels (half the error of 15 symmetric ones).
  const asymmetric = bits === 4;
  let q: ReturnType<typeof quantizeBlocks> | null = null;
  const quantized = (): ReturnType<typeof quantizeBlocks> =>
    (q ??= quantizeBlocks(w.read(), w.out, w.in, bits, QUANT_BLOCK, asymmetric));
  const packed = g.initLazy(`${name}.q`, 'uint8', [w.out, blocks, blockBytes], () => {
    s.onBytes?.(quantized().packed.byteLength);
    return quantized().packed;
  });
  const inputs = [
    x,
    packed,
    g.initLazy(`${name}.scales`, 'float32', [w.out * blocks], () => u8(quantized().scales)),
  ];
  if (asymmetric)
    inputs.push(
      g.initLazy(
        `${name}.zp`,
        'uint8',
        [w.out * Math.ceil((blocks * bits) / 8)],
        () => quantized().zeroPoints!,
      ),
    );
  const y = g.op(
    'MatMulNBits',
    inputs,
    {
      K: w.in,
      N: w.out,
      bits,
      block_size: QUANT_BLOCK,
      accuracy_level: 4,
    },
    { domain: 'com.microsoft' },
  );
  q = null;
  return y;
}

function denseLinear(g: GraphBuilder, x: string, name: string, w: MatrixSource, s: LinearStorage): string {
  const produceT = (): Float32Array => {
    const t = transpose(w.read(), w.out, w.in);
    s.onBytes?.(t.byteLength);
    return t;
  };
  if (weightPrecisionOf(s.variant) === 'fp16')
    return g.op('MatMul', [
      x,
      g.initLazy(`${name}.wT`, 'float16', [w.in, w.out], () => u8(f32ToHalfBits(produceT()))),
    ]);
  if (s.weightDType === 'float16') {
    const h = g.initLazy(`${name}.wT`, 'float16', [w.in, w.out], () => u8(f32ToHalfBits(produceT())));
    return g.op('MatMul', [x, g.op('Cast', [h], { to: 1 })]);
  }
  return g.op('MatMul', [x, g.initLazy(`${name}.wT`, 'float32', [w.in, w.out], () => u8(produceT()))]);
}

/** [rows, cols] → [cols, rows]. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}

/** Rows [start, end) of a [out, in] weight (q|k|v parts of a packed in_proj). */
export function rowSlice(src: MatrixSource, start: number, end: number): MatrixSource {
  return { out: end - start, in: src.in, read: () => src.read().slice(start * src.in, end * src.in) };
}
