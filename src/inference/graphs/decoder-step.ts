// The decoder step graph: tokens of the CFG batch (cond rows, then null rows) for S new sequence steps →
// guided logits [B, K, S, card] plus the new self-attention K/V of every layer. With S > 1 and an empty
// cache it is the prefill form (prompts, full causal forward).
import { GraphBuilder, u8 } from '../onnx/builder';
import type { ExternalDataSink } from '../onnx/external-data';
import type { WeightSource } from '../convert/weights';
import type { LmConfig } from '../bundle/types';
import { linear, type LinearStorage, type MatrixSource } from './decoder-linear';
import { computeTypeOf, decoderNames as n } from './decoder-names';

const FLOAT32 = 1;
const FLOAT16 = 10;
import { layerNorm } from './decoder-ops';
import { stepLayer } from './decoder-layer';

/** Builds the step graph into a GraphBuilder (the caller serialises it). */
export function buildStepGraph(
  w: WeightSource,
  lm: LmConfig,
  s: LinearStorage,
  sink: ExternalDataSink | null,
  dry: boolean,
): GraphBuilder {
  const g = new GraphBuilder(`decoder_step_${s.variant}`, sink, 17, dry);
  const tokens = g.input(n.tokens, 'int64', ['N', lm.nQ, 'S']);
  const positions = g.input(n.positions, 'int64', ['S']);
  const cfg = g.input(n.cfg, 'float32', [1]);
  const cacheMask = g.input(n.cacheMask, 'float32', [1, 1, 1, 'T']);
  const newMask = g.input(n.newMask, 'float32', [1, 1, 'S', 'S']);
  const dt = computeTypeOf(s.variant);
  // An fp16 graph takes float32 feeds (embeddings summed in float32, masks, CFG) and casts once.
  const toCompute = (v: string): string => (dt === 'float16' ? g.op('Cast', [v], { to: FLOAT16 }) : v);
  let x = embed(g, w, lm, tokens);
  x = toCompute(g.op('Add', [x, sinusoid(g, lm.dim, positions)]));
  const cacheLen = g.op('Shape', [cacheMask], { start: 3, end: 4 });
  const masks = { cacheMask: toCompute(cacheMask), newMask: toCompute(newMask), cacheLen };
  for (let l = 0; l < lm.numLayers; l++) x = stepLayer(g, w, lm, l, x, masks, s);
  let logits = heads(g, w, lm, layerNorm(g, w, x, 'out_norm', lm.layerNormEps, dt), s);
  if (dt === 'float16') logits = g.op('Cast', [logits], { to: FLOAT32 });
  const [cond, uncond] = g.opN('Split', [logits], { axis: 0 }, { outputs: 2 });
  const guided = g.op('Add', [uncond, g.op('Mul', [g.op('Sub', [cond, uncond]), cfg])]);
  g.output(guided, n.logits, 'float32', ['B', lm.nQ, 'S', lm.card]);
  return g;
}

/** Σ_k emb_k[tokens[:, k, :]] → [N, S, C]. */
function embed(g: GraphBuilder, w: WeightSource, lm: LmConfig, tokens: string): string {
  let sum = '';
  for (let k = 0; k < lm.nQ; k++) {
    const e = w.get(`emb.${k}.weight`);
    if (e.dims[0] !== lm.card + 1)
      throw new Error(`emb.${k}.weight: expected ${lm.card + 1} rows, got ${e.dims[0]}`);
    const table = g.initLazy(`emb.${k}.weight`, 'float32', e.dims, () => u8(e.readF32()));
    const col = g.op('Gather', [tokens, g.constI64([k], [])], { axis: 1 });
    const v = g.op('Gather', [table, col], { axis: 0 });
    sum = sum ? g.op('Add', [sum, v]) : v;
  }
  return sum;
}

/** Sinusoidal embedding [S, C] of absolute positions: cat(cos(p/10000^(i/(C/2−1))), sin(...)). */
function sinusoid(g: GraphBuilder, dim: number, positions: string): string {
  const half = dim / 2;
  const div = Array.from({ length: half }, (_, i) => Math.fround(10000 ** Math.fround(i / (half - 1))));
  const p = g.op('Unsqueeze', [g.op('Cast', [positions], { to: 1 }), g.constI64([1])]);
  const phase = g.op('Div', [p, g.constF32(div, [1, half])]);
  return g.op('Concat', [g.op('Cos', [phase]), g.op('Sin', [phase])], { axis: -1 });
}

/** out_norm'd x [N, S, C] → logits [N, K, S, card] through the K heads stacked into one matrix. */
function heads(g: GraphBuilder, w: WeightSource, lm: LmConfig, x: string, s: LinearStorage): string {
  const mats = Array.from({ length: lm.nQ }, (_, k) => w.get(`linears.${k}.weight`));
  const stacked: MatrixSource = {
    out: lm.nQ * lm.card,
    in: lm.dim,
    read: () => {
      const out = new Float32Array(lm.nQ * lm.card * lm.dim);
      mats.forEach((m, k) => out.set(m.readF32(), k * lm.card * lm.dim));
      return out;
    },
  };
  const y = linear(g, x, 'linears', stacked, s);
  const r = g.op('Reshape', [y, g.constI64([0, 0, lm.nQ, lm.card])]);
  return g.op('Transpose', [r], { perm: [0, 2, 1, 3] });
}
