// Seeded random LM decoder weights in the checkpoint's key names and shapes, for benchmarks at real
// geometry without the released checkpoint. Values: uniform with variance 1/fan_in, LayerNorm weights ≈ 1.
import type { LmConfig } from '../src/inference/bundle/types';
import { MapWeightSource, type WeightEntry } from '../src/inference/convert/weights';

/** The small VidMuse decoder geometry (dim 1024, 16 heads, 24 layers, card 2048). */
export const SMALL_LM: LmConfig = {
  dim: 1024,
  numHeads: 16,
  numLayers: 24,
  ffnDim: 4096,
  card: 2048,
  nQ: 4,
  delays: [0, 1, 2, 3],
  temporalDim: 768,
  lstvDepth: 2,
  lstvHeads: 16,
  lstvDimHead: 64,
  lstvMlpDim: 3072,
  fusionHeads: 3,
  layerNormEps: 1e-5,
};

/** The medium (released) VidMuse decoder geometry: dim 1536, 24 heads, 48 layers (the manifest's key list). */
export const MEDIUM_LM: LmConfig = {
  ...SMALL_LM,
  dim: 1536,
  numHeads: 24,
  numLayers: 48,
  ffnDim: 6144,
  lstvHeads: 24,
};

/** A WeightSource of random decoder tensors (each key gets its own seed, so reads are repeatable). */
export function randomLmWeights(lm: LmConfig, seed: number): MapWeightSource {
  const C = lm.dim;
  const entries: WeightEntry[] = [];
  const add = (name: string, dims: number[], kind: 'matrix' | 'ln_w' | 'ln_b' | 'emb'): void => {
    const s = seed + entries.length * 7919;
    entries.push({ name, dims, dtype: 'float32', readF32: () => fill(dims, kind, s) });
  };
  for (let k = 0; k < lm.nQ; k++) add(`emb.${k}.weight`, [lm.card + 1, C], 'emb');
  for (let l = 0; l < lm.numLayers; l++) {
    const p = `transformer.layers.${l}`;
    add(`${p}.self_attn.in_proj_weight`, [3 * C, C], 'matrix');
    add(`${p}.self_attn.out_proj.weight`, [C, C], 'matrix');
    add(`${p}.linear1.weight`, [lm.ffnDim, C], 'matrix');
    add(`${p}.linear2.weight`, [C, lm.ffnDim], 'matrix');
    for (const ln of ['norm1', 'norm2', 'norm_cross']) {
      add(`${p}.${ln}.weight`, [C], 'ln_w');
      add(`${p}.${ln}.bias`, [C], 'ln_b');
    }
    add(`${p}.cross_attention.in_proj_weight`, [3 * C, C], 'matrix');
    add(`${p}.cross_attention.out_proj.weight`, [C, C], 'matrix');
  }
  add('out_norm.weight', [C], 'ln_w');
  add('out_norm.bias', [C], 'ln_b');
  for (let k = 0; k < lm.nQ; k++) add(`linears.${k}.weight`, [lm.card, C], 'matrix');
  return new MapWeightSource(entries, 'random weights');
}

function fill(dims: number[], kind: 'matrix' | 'ln_w' | 'ln_b' | 'emb', seed: number): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const amp = kind === 'matrix' ? Math.sqrt(3 / dims[dims.length - 1]) : kind === 'emb' ? 1 : 0.1;
  return uniformFill(n, seed, kind === 'ln_w' ? 1 : 0, amp);
}

/** n values uniform in [base − amp, base + amp) from a seeded xorshift32: fast and reproducible. */
export function uniformFill(n: number, seed: number, base: number, amp: number): Float32Array {
  const out = new Float32Array(n);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = base + amp * (((x >>> 0) / 4294967296) * 2 - 1);
  }
  return out;
}
