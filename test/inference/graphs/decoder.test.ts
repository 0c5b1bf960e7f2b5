import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WeightEntry } from '../../../src/inference/convert/weights';
import { MapWeightSource } from '../../../src/inference/convert/weights';
import { buildDecoderGraphs } from '../../../src/inference/graphs/decoder';
import { SMALL_LM } from '../../../bench/random-lm-weights';
import { MANIFEST_DIR } from '../../fixtures/paths';

const MANIFEST = path.join(MANIFEST_DIR, 'vidmuse_lm_small_state_dict.json');

/** The full-size small checkpoint as shapes only: reading any value fails the test. */
function manifestWeights(): MapWeightSource {
  const m = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { keys: { name: string; shape: number[] }[] };
  const entries: WeightEntry[] = m.keys.map((k) => ({
    name: k.name,
    dims: k.shape,
    dtype: 'float32',
    readF32: () => {
      throw new Error(`dry run read ${k.name}`);
    },
  }));
  return new MapWeightSource(entries, 'manifest');
}

describe('buildDecoderGraphs (dry run at the small geometry)', () => {
  const weights = manifestWeights();
  const built = buildDecoderGraphs(
    {
      weights,
      lm: SMALL_LM,
      clip: {} as never,
      codec: {} as never,
      outDir: '/nonexistent',
      weightDType: 'float32',
      dry: true,
    },
    { variants: ['fp32', 'q4'] },
  );

  it('maps every decoder tensor of the checkpoint and nothing else', () => {
    const decoderKeys = weights.names().filter((k) => /^(emb\.|transformer\.|out_norm\.|linears\.)/.test(k));
    expect(decoderKeys.length).toBe(4 + 24 * 12 + 2 + 4);
    expect([...weights.used()].sort()).toEqual(decoderKeys.sort());
  });

  it('writes the cross K/V graph and one step graph per variant with the expected signatures', () => {
    expect(built.map((b) => [b.role, b.variant, b.file])).toEqual([
      ['decoder_cross_kv', 'fp32', 'decoder_cross_kv.onnx'],
      ['decoder_step', 'fp32', 'decoder_step.onnx'],
      ['decoder_step', 'q4', 'decoder_step_q4.onnx'],
    ]);
    const step = built[1];
    expect(step.inputs.slice(0, 5)).toEqual([
      { name: 'tokens', dtype: 'int64', shape: ['N', 4, 'S'] },
      { name: 'positions', dtype: 'int64', shape: ['S'] },
      { name: 'cfg_coef', dtype: 'float32', shape: [1] },
      { name: 'cache_mask', dtype: 'float32', shape: [1, 1, 1, 'T'] },
      { name: 'new_mask', dtype: 'float32', shape: [1, 1, 'S', 'S'] },
    ]);
    expect(step.inputs.length).toBe(5 + 24 * 4);
    expect(step.outputs.map((o) => o.name)).toEqual([
      ...Array.from({ length: 24 }, (_, l) => [`new_k_${l}`, `new_v_${l}`]).flat(),
      'logits',
    ]);
    expect(step.outputs[step.outputs.length - 1].shape).toEqual(['B', 4, 'S', 2048]);
    expect(built[0].outputs[0]).toEqual({ name: 'cross_k_0', dtype: 'float32', shape: ['N', 16, 64, 'M'] });
  });

  it('stores linears transposed in fp32 and block-quantised in q4, with only the q part of cross in_proj per step', () => {
    const fp = built[1].initializers;
    expect(fp.get('transformer.layers.0.self_attn.in_proj.wT')).toEqual({
      dtype: 'float32',
      dims: [1024, 3072],
    });
    expect(fp.get('transformer.layers.23.cross_attention.q_proj.wT')).toEqual({
      dtype: 'float32',
      dims: [1024, 1024],
    });
    expect(fp.get('linears.wT')).toEqual({ dtype: 'float32', dims: [1024, 8192] });
    const q4 = built[2].initializers;
    expect(q4.get('transformer.layers.0.linear2.q')).toEqual({ dtype: 'uint8', dims: [1024, 128, 16] });
    expect(q4.get('transformer.layers.0.linear2.scales')).toEqual({ dtype: 'float32', dims: [1024 * 128] });
    expect(q4.get('transformer.layers.0.linear2.zp')).toEqual({ dtype: 'uint8', dims: [1024 * 64] });
    expect(built[0].initializers.get('transformer.layers.0.cross_attention.kv_proj.wT')).toEqual({
      dtype: 'float32',
      dims: [1024, 2048],
    });
    expect(path.basename(built[2].file)).toBe('decoder_step_q4.onnx');
  });
});
