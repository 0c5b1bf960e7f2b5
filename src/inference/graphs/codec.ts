// The codec graphs (HF EncodecModel, facebook/encodec_32khz layout): codec_decoder codes [B,K,S] → PCM
// [B,1,S·hop], and codec_encoder PCM [B,1,N] → codes [B,K,ceil(N/hop)] by residual nearest-neighbour search.
import type { BuiltGraph, GraphBuildContext } from './context';
import type { GraphBuilder } from '../onnx/builder';
import { GraphFile } from './common/graph-file';
import { param } from './common/weights';
import { conv1d, convTranspose1d, elu, lstm, resnetBlock } from './codec-blocks';

const embedKey = (q: number): string => `quantizer.layers.${q}.codebook.embed`;

/** Builds `codec_decoder.onnx` (outputs the waveform and the summed codebook vectors). */
export function buildCodecDecoderGraph(ctx: GraphBuildContext): BuiltGraph {
  const c = ctx.codec;
  const g = new GraphFile(ctx, 'codec_decoder', 'fp32', 'codec_decoder.onnx');
  const b = g.b;
  const codes = g.input('codes', 'int64', ['batch', c.numCodebooks, 'frames']);
  let latent = '';
  for (let q = 0; q < c.numCodebooks; q++) {
    const idx = b.op('Gather', [codes, b.constI64([q], [])], { axis: 1 });
    const v = b.op('Gather', [param(ctx, b, embedKey(q)), idx], { axis: 0 });
    latent = q === 0 ? v : b.op('Add', [latent, v]);
  }
  latent = b.op('Transpose', [latent], { perm: [0, 2, 1] });
  g.output(latent, 'latent', 'float32', ['batch', c.codebookDim, 'frames']);
  g.output(decoder(ctx, b, latent), 'waveform', 'float32', ['batch', c.channels, 'samples']);
  return g.finish();
}

/** Builds `codec_encoder.onnx` (outputs codes and the pre-quantisation latent). */
export function buildCodecEncoderGraph(ctx: GraphBuildContext): BuiltGraph {
  const c = ctx.codec;
  const g = new GraphFile(ctx, 'codec_encoder', 'fp32', 'codec_encoder.onnx');
  const b = g.b;
  const wav = g.input('waveform', 'float32', ['batch', c.channels, 'samples']);
  const latent = encoder(ctx, b, wav);
  g.output(latent, 'latent', 'float32', ['batch', c.hiddenSize, 'frames']);
  g.output(quantize(ctx, b, latent), 'codes', 'int64', ['batch', c.numCodebooks, 'frames']);
  return g.finish();
}

function decoder(ctx: GraphBuildContext, b: GraphBuilder, x: string): string {
  const c = ctx.codec;
  let i = 0;
  const at = (): string => `decoder.layers.${i++}`;
  x = conv1d(ctx, b, x, at());
  x = lstm(ctx, b, x, at(), c.numLstmLayers);
  for (const ratio of c.upsamplingRatios) {
    i++; // ELU
    x = convTranspose1d(ctx, b, elu(b, x), at(), ratio);
    for (let j = 0; j < c.numResidualLayers; j++) x = resnetBlock(ctx, b, x, at(), c.dilationGrowthRate ** j);
  }
  i++; // ELU
  return conv1d(ctx, b, elu(b, x), at());
}

function encoder(ctx: GraphBuildContext, b: GraphBuilder, x: string): string {
  const c = ctx.codec;
  let i = 0;
  const at = (): string => `encoder.layers.${i++}`;
  x = conv1d(ctx, b, x, at());
  for (const ratio of [...c.upsamplingRatios].reverse()) {
    for (let j = 0; j < c.numResidualLayers; j++) x = resnetBlock(ctx, b, x, at(), c.dilationGrowthRate ** j);
    i++; // ELU
    x = conv1d(ctx, b, elu(b, x), at(), ratio);
  }
  x = lstm(ctx, b, x, at(), c.numLstmLayers);
  i++; // ELU
  return conv1d(ctx, b, elu(b, x), at());
}

/** Residual VQ: per codebook argmax of −(‖x‖² − 2x·e + ‖e‖²), then subtract the chosen vector. */
function quantize(ctx: GraphBuildContext, b: GraphBuilder, latent: string): string {
  let residual = b.op('Transpose', [latent], { perm: [0, 2, 1] });
  const codes: string[] = [];
  const axisLast = b.constI64([-1]);
  for (let q = 0; q < ctx.codec.numCodebooks; q++) {
    const embed = param(ctx, b, embedKey(q));
    const e2 = b.op('ReduceSum', [b.op('Mul', [embed, embed]), b.constI64([1])], { keepdims: 0 });
    const x2 = b.op('ReduceSum', [b.op('Mul', [residual, residual]), axisLast], { keepdims: 1 });
    const xe = b.op('MatMul', [residual, b.op('Transpose', [embed], { perm: [1, 0] })]);
    const dist = b.op('Add', [b.op('Sub', [x2, b.op('Mul', [b.constF32([2], []), xe])]), e2]);
    const idx = b.op('ArgMax', [b.op('Neg', [dist])], { axis: -1, keepdims: 0 });
    codes.push(b.op('Unsqueeze', [idx, b.constI64([1])]));
    residual = b.op('Sub', [residual, b.op('Gather', [embed, idx], { axis: 0 })]);
  }
  return b.op('Concat', codes, { axis: 1 });
}
