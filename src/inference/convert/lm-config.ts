// Model geometry from an audiocraft export: xp.cfg (YAML) gives the LM hyper-parameters; whatever the
// code hard-codes (LSTV width/depth, fusion heads, the CLIP tower) is read from the tensor shapes.
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../shared/errors';
import type { ClipConfig, LmConfig } from '../bundle/types';
import type { WeightSource } from './weights';

/** Sampling settings found in xp.cfg (information only: inference uses the official constants). */
export interface GenerationDefaults {
  temperature: number;
  topK: number;
  topP: number;
  cfgCoef: number;
}

/** Everything a conversion needs to know about the LM checkpoint. */
export interface LmCheckpointConfig {
  lm: LmConfig;
  clip: ClipConfig;
  /** The training config's sampling settings, kept as information. */
  trainingGeneration: GenerationDefaults;
  sampleRate: number;
  globalFrames: number;
  videoFps: number;
}

type Obj = Record<string, unknown>;

/** Parses xp.cfg and checks it against the tensor shapes of `weights`. */
export function lmConfigFromCheckpoint(
  xpCfg: string,
  weights: WeightSource,
  label: string,
): LmCheckpointConfig {
  let cfg: Obj;
  try {
    cfg = parseYaml(xpCfg) as Obj;
  } catch (e) {
    throw new AppError('invalid-input', `${label}: xp.cfg is not valid YAML (${(e as Error).message})`);
  }
  const t = obj(cfg.transformer_lm, `${label}: xp.cfg has no transformer_lm section`);
  const num = (o: Obj, k: string, fallback?: number): number => {
    const v = o[k] ?? fallback;
    if (typeof v !== 'number')
      throw new AppError('invalid-input', `${label}: xp.cfg transformer_lm.${k} missing`);
    return v;
  };
  const dims = (k: string): readonly number[] => weights.get(k).dims;
  const dim = num(t, 'dim');
  const numHeads = num(t, 'num_heads');
  const pos = dims('local_pos_embedding');
  const temporalDim = pos[2];
  const qkvRows = dims('local_temporal_transformer.layers.0.0.fn.to_qkv.weight')[0];
  const lstvDepth = countIndices(weights, /^local_temporal_transformer\.layers\.(\d+)\./);
  const pattern = obj(cfg.codebooks_pattern ?? {}, '');
  const delays = ((obj(pattern.delay ?? {}, '').delays as number[] | undefined) ?? [0, 1, 2, 3]).map(Number);
  const lm: LmConfig = {
    dim,
    numHeads,
    numLayers: num(t, 'num_layers'),
    ffnDim: Math.round(num(t, 'hidden_scale', 4) * dim),
    card: num(t, 'card'),
    nQ: num(t, 'n_q'),
    delays,
    temporalDim,
    lstvDepth,
    lstvHeads: numHeads,
    lstvDimHead: qkvRows / 3 / numHeads,
    lstvMlpDim: dims('local_temporal_transformer.layers.0.1.fn.net.0.weight')[0],
    fusionHeads: 3,
    layerNormEps: 1e-5,
  };
  checkLm(lm, weights, label);
  return {
    lm,
    clip: clipConfigFromWeights(weights, cfg, label),
    trainingGeneration: generationDefaults(cfg),
    sampleRate: typeof cfg.sample_rate === 'number' ? cfg.sample_rate : 32000,
    globalFrames: 32,
    videoFps: Number(obj(cfg.video ?? {}, '').video_fps ?? 2),
  };
}

/** CLIP geometry from the tower's tensors (heads from the fixture's config when present, else width/64). */
export function clipConfigFromWeights(weights: WeightSource, cfg: Obj, label: string): ClipConfig {
  const p = 'visual_encoder_model.vision_model.';
  if (!weights.has(`${p}embeddings.patch_embedding.weight`))
    throw new AppError('invalid-input', `${label}: the checkpoint has no CLIP vision tower (${p}…)`);
  const patch = weights.get(`${p}embeddings.patch_embedding.weight`).dims;
  const positions = weights.get(`${p}embeddings.position_embedding.weight`).dims[0];
  const grid = Math.round(Math.sqrt(positions - 1));
  const fixture = obj(obj(cfg.fixture ?? {}, '').clip_vision_config ?? {}, '');
  const hiddenSize = patch[0];
  return {
    hiddenSize,
    intermediateSize: weights.get(`${p}encoder.layers.0.mlp.fc1.weight`).dims[0],
    numLayers: countIndices(weights, /^visual_encoder_model\.vision_model\.encoder\.layers\.(\d+)\./),
    numHeads: typeof fixture.num_attention_heads === 'number' ? fixture.num_attention_heads : hiddenSize / 64,
    imageSize: grid * patch[2],
    patchSize: patch[2],
    layerNormEps: typeof fixture.layer_norm_eps === 'number' ? fixture.layer_norm_eps : 1e-5,
    tokensPerFrame: positions,
  };
}

function generationDefaults(cfg: Obj): GenerationDefaults {
  const lm = obj(obj(cfg.generate ?? {}, '').lm ?? {}, '');
  const cfgCoef = obj(cfg.classifier_free_guidance ?? {}, '').inference_coef;
  return {
    temperature: Number(lm.temp ?? 1),
    topK: Number(lm.top_k ?? 250),
    topP: Number(lm.top_p ?? 0),
    cfgCoef: Number(cfgCoef ?? 3),
  };
}

function checkLm(lm: LmConfig, w: WeightSource, label: string): void {
  const expect = (k: string, shape: number[]): void => {
    const got = w.get(k).dims;
    if (got.join(',') !== shape.join(','))
      throw new AppError('invalid-input', `${label}: ${k} has shape [${got}] but xp.cfg implies [${shape}]`);
  };
  expect('emb.0.weight', [lm.card + 1, lm.dim]);
  expect('transformer.layers.0.self_attn.in_proj_weight', [3 * lm.dim, lm.dim]);
  expect('transformer.layers.0.linear1.weight', [lm.ffnDim, lm.dim]);
  expect(`transformer.layers.${lm.numLayers - 1}.norm1.weight`, [lm.dim]);
  expect('linears.0.weight', [lm.card, lm.dim]);
  if (!Number.isInteger(lm.lstvDimHead))
    throw new AppError('invalid-input', `${label}: LSTV to_qkv shape does not fit ${lm.lstvHeads} heads`);
}

function countIndices(w: WeightSource, re: RegExp): number {
  let max = -1;
  for (const n of w.names()) {
    const m = re.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

function obj(v: unknown, missing: string): Obj {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  throw new AppError('invalid-input', missing || 'xp.cfg section is not a mapping');
}
