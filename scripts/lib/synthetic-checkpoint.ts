// Seeded random checkpoints in the released formats: an audiocraft LM export (torch zip with xp.cfg) and an
// HF EnCodec folder (config.json + model.safetensors). Tensors are generated in chunks, so a multi-GB
// checkpoint is written with little memory.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { f32ToHalfBits } from '../../src/inference/convert/dtype';
import { writeSafetensors, type RawTensor } from '../../src/inference/convert/safetensors';
import { OutTensor, writeTorchCheckpoint } from '../../src/inference/convert/torch-writer';
import { codecKeys, lmKeys, type SyntheticCodec, type SyntheticLm } from './synthetic-keys';

/** Deterministic normal numbers (mulberry32 + Box–Muller). */
export class SeededNormal {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  private uniform(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }
  /** One N(0,1) sample. */
  next(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
}

/** Mean and standard deviation of a key's values, so activations stay in a sane range. */
function initOf(name: string, shape: number[]): { mean: number; std: number } {
  if (/(norm[^.]*|layrnorm|layer_norm\d)\.weight$/.test(name)) return { mean: 1, std: 0.1 };
  if (name.endsWith('.bias') || /bias_(ih|hh)_l\d$/.test(name)) return { mean: 0, std: 0.02 };
  if (name.endsWith('weight_g')) return { mean: 1, std: 0.1 };
  if (/codebook\.(embed|embed_avg)$/.test(name)) return { mean: 0, std: 1 };
  if (/codebook\.(inited|cluster_size)$/.test(name)) return { mean: 1, std: 0 };
  const fanIn = shape.length > 1 ? shape.slice(1).reduce((a, b) => a * b, 1) : shape[0];
  return { mean: 0, std: 1 / Math.sqrt(fanIn) };
}

const CHUNK = 1 << 20;

function* values(
  rng: SeededNormal,
  name: string,
  shape: number[],
  dtype: 'float32' | 'float16',
): Iterable<Uint8Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  const { mean, std } = initOf(name, shape);
  for (let start = 0; start < n; start += CHUNK) {
    const a = new Float32Array(Math.min(CHUNK, n - start));
    for (let i = 0; i < a.length; i++) a[i] = mean + std * rng.next();
    yield dtype === 'float16' ? new Uint8Array(f32ToHalfBits(a).buffer) : new Uint8Array(a.buffer);
  }
}

/** xp.cfg text for a geometry (the parts the converter reads, laid out as audiocraft composes them). */
export function xpCfgText(g: SyntheticLm): string {
  return stringify({
    sample_rate: 32000,
    channels: 1,
    compression_model_checkpoint: '//pretrained/facebook/encodec_32khz',
    generate: { lm: { use_sampling: true, temp: 1.0, top_k: 250, top_p: 0.0 } },
    classifier_free_guidance: { training_dropout: 0.3, inference_coef: 3.0 },
    codebooks_pattern: {
      modeling: 'delay',
      delay: { delays: [0, 1, 2, 3].slice(0, g.nQ), flatten_first: 0, empty_initial: 0 },
    },
    transformer_lm: {
      dim: g.dim,
      num_heads: g.numHeads,
      num_layers: g.numLayers,
      hidden_scale: g.hiddenScale,
      n_q: g.nQ,
      card: g.card,
      activation: 'gelu',
      norm_first: true,
      bias_ff: false,
      bias_attn: false,
      bias_proj: false,
      causal: true,
      memory_efficient: true,
      positional_embedding: 'sin',
      norm: 'layer_norm',
      temporal_dim: g.temporalDim,
    },
    video: {
      visual_encoder: 'clip',
      video_fps: 2,
      video_overlap: 0,
      add_global: { if_add_gobal: true, mode: 'average', num_frames: 64 },
    },
    fixture: {
      note: 'SEEDED RANDOM WEIGHTS, not a trained model',
      clip_vision_config: {
        hidden_size: g.clip.hidden,
        intermediate_size: g.clip.intermediate,
        num_hidden_layers: g.clip.layers,
        num_attention_heads: g.clip.heads,
        image_size: g.clip.imageSize,
        patch_size: g.clip.patch,
        projection_dim: g.clip.projection,
        hidden_act: 'quick_gelu',
        layer_norm_eps: 1e-5,
        num_channels: 3,
      },
    },
  });
}

/** Writes `state_dict.bin` for a geometry: {'best_state', 'xp.cfg', 'version', 'exported'}. */
export function writeSyntheticLm(
  file: string,
  g: SyntheticLm,
  seed: number,
  opts: { dtype?: 'float32' | 'float16'; zip64?: boolean } = {},
): void {
  const rng = new SeededNormal(seed);
  const dtype = opts.dtype ?? 'float32';
  const state = new Map(
    lmKeys(g).map(([name, shape]) => [
      name,
      new OutTensor(dtype, shape, () => values(rng, name, shape, dtype)),
    ]),
  );
  writeTorchCheckpoint(
    file,
    { best_state: state, 'xp.cfg': xpCfgText(g), version: '1.2.0a1', exported: true },
    { zip64: opts.zip64 },
  );
}

/** Writes `<dir>/config.json` and `<dir>/model.safetensors` for a codec geometry (small: held in memory). */
export function writeSyntheticCodec(dir: string, c: SyntheticCodec, seed: number, bandwidth: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const rng = new SeededNormal(seed);
  const tensors = new Map<string, RawTensor>();
  for (const [name, shape] of codecKeys(c)) {
    const bytes = Buffer.concat([...values(rng, name, shape, 'float32')]);
    tensors.set(name, { dtype: 'float32', dims: shape, bytes });
  }
  writeSafetensors(path.join(dir, 'model.safetensors'), tensors);
  const { num_quantizers: _n, ...fields } = c;
  const config = {
    architectures: ['EncodecModel'],
    ...fields,
    chunk_length_s: null,
    dilation_growth_rate: 2,
    model_type: 'encodec',
    norm_type: 'weight_norm',
    normalize: false,
    num_residual_layers: 1,
    overlap: null,
    pad_mode: 'reflect',
    sampling_rate: 32000,
    target_bandwidths: [bandwidth],
    torch_dtype: 'float32',
    trim_right_ratio: 1.0,
    use_causal_conv: false,
    use_conv_shortcut: false,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}
