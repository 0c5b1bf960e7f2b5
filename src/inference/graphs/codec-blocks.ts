// EnCodec (HF EncodecModel) layers as graph pieces: weight-normed convolutions with non-causal reflect
// padding (extra right padding for strided convs), trimmed transposed convolutions, residual blocks, LSTM.
import { f, type GraphBuilder } from '../onnx/builder';
import type { GraphBuildContext } from './context';
import { addWeight, dimsOf, param, readKey } from './common/weights';

/** Conv weight g·v/‖v‖ with the norm over every dim but the first, computed as torch's _weight_norm. */
export function weightNorm(g: Float32Array, v: Float32Array): Float32Array {
  const rows = g.length;
  const per = v.length / rows;
  const out = new Float32Array(v.length);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let i = 0; i < per; i++) s += v[r * per + i] * v[r * per + i];
    const scale = Math.fround(g[r] / Math.fround(Math.sqrt(s)));
    for (let i = 0; i < per; i++) out[r * per + i] = Math.fround(v[r * per + i] * scale);
  }
  return out;
}

/** The materialised weight of `<prefix>.conv` (weight_g/weight_v) as an initializer. */
function convWeight(ctx: GraphBuildContext, b: GraphBuilder, prefix: string): { w: string; dims: number[] } {
  const dims = dimsOf(ctx, `${prefix}.conv.weight_v`);
  dimsOf(ctx, `${prefix}.conv.weight_g`);
  const w = addWeight(ctx, b, `${prefix}.conv.weight`, dims, () =>
    weightNorm(readKey(ctx, `${prefix}.conv.weight_g`), readKey(ctx, `${prefix}.conv.weight_v`)),
  );
  return { w, dims };
}

/** EncodecConv1d: reflect/constant pad (left, right + extra for stride > 1), then Conv1d with bias. */
export function conv1d(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  stride = 1,
  dilation = 1,
): string {
  const { w, dims } = convWeight(ctx, b, prefix);
  const kEff = (dims[2] - 1) * dilation + 1;
  const total = kEff - stride;
  const right = Math.floor(total / 2);
  const left = total - right;
  let rightPad = b.constI64([right]);
  if (stride > 1) {
    const len = b.op('Slice', [b.op('Shape', [x]), b.constI64([2]), b.constI64([3])]);
    const s = b.constI64([stride]);
    const extra = b.op('Mod', [b.op('Sub', [s, b.op('Mod', [len, s])]), s]);
    rightPad = b.op('Add', [rightPad, extra]);
  }
  const pads = b.op('Concat', [b.constI64([0, 0, left, 0, 0]), rightPad], { axis: 0 });
  const padded =
    ctx.codec.padMode === 'reflect'
      ? reflectPad(b, x, pads, left, rightPad)
      : b.op('Pad', [x, pads], { mode: 'constant' });
  const bias = param(ctx, b, `${prefix}.conv.bias`, false);
  return b.op('Conv', [padded, w, bias], {
    kernel_shape: [dims[2]],
    strides: [stride],
    dilations: [dilation],
  });
}

/**
 * Reflect padding that also works when the input is not longer than the padding: like HF's _pad1d, zeros
 * are appended first so the reflection has enough samples, and the same number is cut off afterwards.
 */
function reflectPad(b: GraphBuilder, x: string, pads: string, left: number, right: string): string {
  const len = b.op('Slice', [b.op('Shape', [x]), b.constI64([2]), b.constI64([3])]);
  const maxPad = b.op('Max', [b.constI64([left]), right]);
  const extra = b.op('Max', [b.constI64([0]), b.op('Sub', [b.op('Add', [maxPad, b.constI64([1])]), len])]);
  const grown = b.op('Pad', [x, b.op('Concat', [b.constI64([0, 0, 0, 0, 0]), extra], { axis: 0 })], {
    mode: 'constant',
  });
  const padded = b.op('Pad', [grown, pads], { mode: 'reflect' });
  const end = b.op('Sub', [
    b.op('Slice', [b.op('Shape', [padded]), b.constI64([2]), b.constI64([3])]),
    extra,
  ]);
  return b.op('Slice', [padded, b.constI64([0]), end, b.constI64([2])]);
}

/** EncodecConvTranspose1d (non-causal): ConvTranspose1d whose output is trimmed by (k − stride) via pads. */
export function convTranspose1d(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  stride: number,
): string {
  const { w, dims } = convWeight(ctx, b, prefix);
  const total = dims[2] - stride;
  const right = Math.floor(total / 2);
  const bias = param(ctx, b, `${prefix}.conv.bias`, false);
  return b.op('ConvTranspose', [x, w, bias], {
    kernel_shape: [dims[2]],
    strides: [stride],
    pads: [total - right, right],
  });
}

/** ELU with α = 1. */
export const elu = (b: GraphBuilder, x: string): string => b.op('Elu', [x], { alpha: f(1) });

/** EncodecResnetBlock: x + conv1(ELU(conv_k(ELU(x)))) (identity shortcut). */
export function resnetBlock(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  dilation: number,
): string {
  const h = conv1d(ctx, b, elu(b, x), `${prefix}.block.1`, 1, dilation);
  const y = conv1d(ctx, b, elu(b, h), `${prefix}.block.3`);
  return b.op('Add', [x, y]);
}

/** torch LSTM gate blocks [i, f, g, o] → ONNX order [i, o, f, c]. */
function reorderGates(a: Float32Array, hidden: number): Float32Array {
  const per = a.length / (4 * hidden);
  const out = new Float32Array(a.length);
  [0, 3, 1, 2].forEach((src, dst) =>
    out.set(a.subarray(src * hidden * per, (src + 1) * hidden * per), dst * hidden * per),
  );
  return out;
}

/** EncodecLSTM: [B,C,T] → multi-layer LSTM over time, plus the input (residual), back to [B,C,T]. */
export function lstm(
  ctx: GraphBuildContext,
  b: GraphBuilder,
  x: string,
  prefix: string,
  layers: number,
): string {
  const seq = b.op('Transpose', [x], { perm: [2, 0, 1] });
  let y = seq;
  for (let l = 0; l < layers; l++) {
    const key = (k: string): string => `${prefix}.lstm.${k}_l${l}`;
    const [h4, inp] = dimsOf(ctx, key('weight_ih'));
    const hidden = h4 / 4;
    if (dimsOf(ctx, key('weight_hh')).join() !== `${h4},${hidden}`)
      throw new Error(`${key('weight_hh')}: unexpected shape`);
    const W = addWeight(ctx, b, key('W'), [1, h4, inp], () =>
      reorderGates(readKey(ctx, key('weight_ih')), hidden),
    );
    const R = addWeight(ctx, b, key('R'), [1, h4, hidden], () =>
      reorderGates(readKey(ctx, key('weight_hh')), hidden),
    );
    dimsOf(ctx, key('bias_ih'));
    dimsOf(ctx, key('bias_hh'));
    const B = addWeight(
      ctx,
      b,
      key('B'),
      [1, 2 * h4],
      () => {
        const out = new Float32Array(2 * h4);
        out.set(reorderGates(readKey(ctx, key('bias_ih')), hidden));
        out.set(reorderGates(readKey(ctx, key('bias_hh')), hidden), h4);
        return out;
      },
      false,
    );
    const out = b.op('LSTM', [y, W, R, B], { hidden_size: hidden });
    y = b.op('Squeeze', [out, b.constI64([1])]);
  }
  return b.op('Transpose', [b.op('Add', [y, seq])], { perm: [1, 2, 0] });
}
