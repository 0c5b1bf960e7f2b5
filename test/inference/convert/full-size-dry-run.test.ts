// The converter maps every key of the full-size checkpoints (medium and small LM with the CLIP tower,
// facebook/encodec_32khz) to graph initializers, from the fixture's key manifests alone (no tensor data).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../../src/inference/convert/convert';
import { codecConfigFromJson } from '../../../src/inference/convert/codec-config';
import { lmConfigFromCheckpoint } from '../../../src/inference/convert/lm-config';
import {
  UNUSED_CODEC_KEYS,
  UNUSED_LM_KEYS,
  unexpectedUnused,
} from '../../../src/inference/convert/unused-keys';
import { MapWeightSource } from '../../../src/inference/convert/weights';
import type { BuiltGraph, GraphBuildContext } from '../../../src/inference/graphs/context';
import { FIXTURE } from './helpers';

interface KeyInfo {
  name: string;
  shape: number[];
}
const manifest = (f: string): { keys: KeyInfo[]; [k: string]: unknown } =>
  JSON.parse(fs.readFileSync(path.join(FIXTURE, 'manifest', f), 'utf8'));
const source = (keys: KeyInfo[], label: string): MapWeightSource =>
  new MapWeightSource(
    keys.map((k) => ({
      name: k.name,
      dims: k.shape,
      dtype: 'float32' as const,
      readF32: () => {
        throw new Error(`${k.name} read in a dry run`);
      },
    })),
    label,
  );
const numel = (d: readonly number[]): number => d.reduce((a, b) => a * b, 1);

/** xp.cfg as the release has it: LM hyper-parameters only (the CLIP tower comes from its weights). */
const xpCfg = (m: Record<string, unknown>): string =>
  `transformer_lm:\n  dim: ${m.dim}\n  num_heads: ${m.num_heads}\n  num_layers: ${m.num_layers}\n  hidden_scale: ${m.hidden_scale}\n  n_q: ${m.n_q}\n  card: ${m.card}\n`;

function dryRun(file: string): {
  lm: MapWeightSource;
  codec: MapWeightSource;
  graphs: BuiltGraph[];
  ctx: GraphBuildContext;
} {
  const m = manifest(file);
  const lm = source(m.keys, file);
  const enc = manifest('encodec_32khz_hf.json');
  const codec = source(enc.keys, 'encodec_32khz');
  const cfg = lmConfigFromCheckpoint(xpCfg(m), lm, file);
  const ctx: GraphBuildContext = {
    weights: lm,
    lm: cfg.lm,
    clip: cfg.clip,
    codec: codecConfigFromJson({ ...(enc.config as object), model_type: 'encodec' }, 'encodec'),
    outDir: '/nonexistent',
    weightDType: 'float32',
    dry: true,
  };
  return { lm, codec, graphs: buildAll(ctx, { ...ctx, weights: codec }), ctx };
}

/** Initializer shapes expected for a key, by the naming rules of the CLIP, LSTV and codec builders. */
function expectedInits(k: KeyInfo): [string, number[]][] {
  if (/weight_[gv]$/.test(k.name)) return [];
  const lstm = /^(.*)\.lstm\.(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d)$/.exec(k.name);
  if (lstm) {
    const [, p, kind, l] = lstm;
    if (kind === 'weight_ih') return [[`${p}.lstm.W_l${l}`, [1, ...k.shape]]];
    if (kind === 'weight_hh') return [[`${p}.lstm.R_l${l}`, [1, ...k.shape]]];
    return kind === 'bias_ih' ? [[`${p}.lstm.B_l${l}`, [1, 2 * k.shape[0]]]] : [];
  }
  const linear = k.shape.length === 2 && !/(embedding|codebook\.embed|emb\.\d)/.test(k.name);
  return [[linear ? `${k.name}.T` : k.name, linear ? [k.shape[1], k.shape[0]] : k.shape]];
}

describe('full-size dry run', () => {
  for (const scale of ['medium', 'small']) {
    it(`uses every key of the ${scale} LM, CLIP and encodec_32khz except the documented unused ones`, () => {
      const { lm, codec, graphs, ctx } = dryRun(`vidmuse_lm_${scale}_state_dict.json`);
      expect(ctx.clip).toEqual({
        hiddenSize: 768,
        intermediateSize: 3072,
        numLayers: 12,
        numHeads: 12,
        imageSize: 224,
        patchSize: 32,
        layerNormEps: 1e-5,
        tokensPerFrame: 50,
      });
      expect(ctx.lm.temporalDim).toBe(768);
      expect(unexpectedUnused(lm.names(), lm.used(), UNUSED_LM_KEYS)).toEqual([]);
      expect(lm.names().filter((n) => !lm.used().has(n))).toEqual([
        'condition_provider.conditioners.description.output_proj.weight',
        'condition_provider.conditioners.description.output_proj.bias',
      ]);
      expect(unexpectedUnused(codec.names(), codec.used(), UNUSED_CODEC_KEYS), 'codec').toEqual([]);
      expect(codec.names().filter((n) => !codec.used().has(n)).length).toBe(12);
      expect(graphs.map((g) => g.file)).toEqual([
        'visual_encoder.onnx',
        'lstv.onnx',
        'decoder_cross_kv.onnx',
        'decoder_cross_kv_kv8.onnx',
        'decoder_cross_kv_fp16.onnx',
        'decoder_step.onnx',
        'decoder_step_q8.onnx',
        'decoder_step_q4.onnx',
        'decoder_step_q8-kv8.onnx',
        'decoder_step_fp16.onnx',
        'codec_decoder.onnx',
        'codec_encoder.onnx',
      ]);
    });
  }

  it('maps each CLIP, LSTV and codec key to an initializer of the right shape', () => {
    const { graphs } = dryRun('vidmuse_lm_medium_state_dict.json');
    const inits = new Map<string, number[]>();
    for (const g of graphs)
      for (const [n, i] of g.initializers) if (!g.role.startsWith('decoder')) inits.set(n, i.dims);
    const m = manifest('vidmuse_lm_medium_state_dict.json');
    const keys = [
      ...m.keys.filter((k) =>
        /^(visual_encoder_model|local_|global_|multi_head|visual_feature)/.test(k.name),
      ),
      ...manifest('encodec_32khz_hf.json').keys.filter(
        (k) => !/codebook\.(inited|cluster_size|embed_avg)$/.test(k.name),
      ),
    ];
    let checked = 0;
    for (const k of keys) {
      for (const [name, dims] of expectedInits(k)) {
        expect(inits.get(name), name).toEqual(dims);
        checked++;
      }
      const conv = /^(.*)\.conv\.weight_v$/.exec(k.name);
      if (conv) expect(inits.get(`${conv[1]}.conv.weight`), k.name).toEqual(k.shape);
    }
    expect(checked).toBe(keys.filter((k) => !/(weight_[gv]|bias_hh_l\d)$/.test(k.name)).length);
  });

  it('puts every decoder weight into the fp32 decoder graphs exactly once (by element count)', () => {
    const { lm, graphs } = dryRun('vidmuse_lm_medium_state_dict.json');
    const want = lm
      .names()
      .filter((n) => /^(emb\.|transformer\.|out_norm|linears\.)/.test(n))
      .reduce((s, n) => s + numel(lm.get(n).dims), 0);
    let got = 0;
    for (const g of graphs.filter((x) => x.role.startsWith('decoder') && x.variant === 'fp32'))
      for (const [n, i] of g.initializers) if (!/^c_\d+$/.test(n)) got += numel(i.dims);
    expect(want).toBe(1_837_556_736);
    expect(got).toBe(want);
  });
});
