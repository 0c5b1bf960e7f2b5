// The cross-attention K/V graph: the window's video memory [N, M, C] → per layer K [N, H, d, M] (already
// transposed for the score MatMul) and V [N, H, M, d]. Run once per window, never per step.
import { GraphBuilder } from '../onnx/builder';
import type { ExternalDataSink } from '../onnx/external-data';
import type { WeightSource } from '../convert/weights';
import type { LmConfig } from '../bundle/types';
import { linear, rowSlice, type LinearStorage } from './decoder-linear';
import { decoderNames as n, type CrossKvStorage } from './decoder-names';
import { quantizeSlices } from './decoder-kv8';
import { matrix } from './decoder-ops';

const FLOAT16 = 10;

/**
 * Builds the cross K/V graph (always float32 weights: it runs once per window); with `kv8` storage its
 * outputs are int8 K/V plus a scale per (row, head, memory token), with `fp16` float16 K/V.
 */
export function buildCrossKvGraph(
  w: WeightSource,
  lm: LmConfig,
  s: LinearStorage,
  sink: ExternalDataSink | null,
  dry: boolean,
  storage: CrossKvStorage = 'fp32',
): GraphBuilder {
  const g = new GraphBuilder(
    storage === 'fp32' ? 'decoder_cross_kv' : `decoder_cross_kv_${storage}`,
    sink,
    17,
    dry,
  );
  const C = lm.dim;
  const H = lm.numHeads;
  const d = C / H;
  const mem = g.input(n.videoEmb, 'float32', ['N', 'M', C]);
  for (let l = 0; l < lm.numLayers; l++) {
    const inProj = matrix(w, `transformer.layers.${l}.cross_attention.in_proj_weight`);
    const kv = linear(
      g,
      mem,
      `transformer.layers.${l}.cross_attention.kv_proj`,
      rowSlice(inProj, C, 3 * C),
      s,
    );
    const [k, v] = g.opN('Split', [kv, g.constI64([C, C])], { axis: -1 }, { outputs: 2 });
    const k4 = g.op('Reshape', [k, g.constI64([0, 0, H, d])]);
    const v4 = g.op('Reshape', [v, g.constI64([0, 0, H, d])]);
    const kT = g.op('Transpose', [k4], { perm: [0, 2, 3, 1] });
    const vT = g.op('Transpose', [v4], { perm: [0, 2, 1, 3] });
    if (storage === 'fp32') {
      g.output(kT, n.crossK(l), 'float32', ['N', H, d, 'M']);
      g.output(vT, n.crossV(l), 'float32', ['N', H, 'M', d]);
      continue;
    }
    if (storage === 'fp16') {
      g.output(g.op('Cast', [kT], { to: FLOAT16 }), n.crossK(l), 'float16', ['N', H, d, 'M']);
      g.output(g.op('Cast', [vT], { to: FLOAT16 }), n.crossV(l), 'float16', ['N', H, 'M', d]);
      continue;
    }
    const qk = quantizeSlices(g, kT, 2);
    const qv = quantizeSlices(g, vT, 3);
    g.output(qk.codes, n.crossK(l), 'int8', ['N', H, d, 'M']);
    g.output(qk.scale, n.crossKScale(l), 'float32', ['N', H, 1, 'M']);
    g.output(qv.codes, n.crossV(l), 'int8', ['N', H, 'M', d]);
    const vScale = g.op('Transpose', [qv.scale], { perm: [0, 1, 3, 2] });
    g.output(vScale, n.crossVScale(l), 'float32', ['N', H, 1, 'M']);
  }
  return g;
}
