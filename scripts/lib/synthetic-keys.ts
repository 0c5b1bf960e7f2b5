// Key lists (name → shape) of VidMuse LM exports and HF EnCodec checkpoints for any geometry, mirroring the
// module structure of the released models; used to write seeded random checkpoints in the released formats.

/** Geometry of a synthetic LM export. */
export interface SyntheticLm {
  dim: number;
  numHeads: number;
  numLayers: number;
  hiddenScale: number;
  card: number;
  nQ: number;
  temporalDim: number;
  lstvDepth: number;
  lstvDimHead: number;
  t5Dim: number;
  clip: {
    hidden: number;
    intermediate: number;
    layers: number;
    heads: number;
    imageSize: number;
    patch: number;
    projection: number;
  };
}

/** Geometry of a synthetic EnCodec (HF EncodecConfig fields). */
export interface SyntheticCodec {
  hidden_size: number;
  num_filters: number;
  codebook_size: number;
  codebook_dim: number;
  upsampling_ratios: number[];
  num_lstm_layers: number;
  kernel_size: number;
  last_kernel_size: number;
  residual_kernel_size: number;
  compress: number;
  num_quantizers: number;
  audio_channels: number;
}

type Keys = [string, number[]][];

/** best_state keys of an LM export in checkpoint order. */
export function lmKeys(g: SyntheticLm): Keys {
  const { dim: d, clip: c } = g;
  const tokens = (c.imageSize / c.patch) ** 2 + 1;
  const k: Keys = [
    ['local_pos_embedding', [1, tokens, g.temporalDim]],
    ['global_pos_embedding', [1, tokens, g.temporalDim]],
    ['condition_provider.conditioners.description.output_proj.weight', [d, g.t5Dim]],
    ['condition_provider.conditioners.description.output_proj.bias', [d]],
  ];
  for (let q = 0; q < g.nQ; q++) k.push([`emb.${q}.weight`, [g.card + 1, d]]);
  const ffn = g.hiddenScale * d;
  for (let i = 0; i < g.numLayers; i++) {
    const p = `transformer.layers.${i}.`;
    k.push(
      [`${p}self_attn.in_proj_weight`, [3 * d, d]],
      [`${p}self_attn.out_proj.weight`, [d, d]],
      [`${p}linear1.weight`, [ffn, d]],
      [`${p}linear2.weight`, [d, ffn]],
      ...norm(`${p}norm1`, d),
      ...norm(`${p}norm2`, d),
      [`${p}cross_attention.in_proj_weight`, [3 * d, d]],
      [`${p}cross_attention.out_proj.weight`, [d, d]],
      ...norm(`${p}norm_cross`, d),
    );
  }
  k.push(...norm('out_norm', d));
  for (let q = 0; q < g.nQ; q++) k.push([`linears.${q}.weight`, [g.card, d]]);
  k.push(...clipKeys(g.clip, 'visual_encoder_model.'));
  for (const side of ['local', 'global']) k.push(...lstvKeys(g, `${side}_temporal_transformer`));
  const td = g.temporalDim;
  for (const n of ['query', 'key', 'value', 'final_linear'])
    k.push(...lin(`multi_head_cross_attention.${n}`, td, td));
  k.push(...norm('multi_head_cross_attention.norm1', td), ...norm('multi_head_cross_attention.norm2', td));
  k.push(...lin('visual_feature_proj', d, td));
  return k;
}

/** HF CLIPVisionModelWithProjection keys under `prefix`. */
export function clipKeys(c: SyntheticLm['clip'], prefix = ''): Keys {
  const p = `${prefix}vision_model.`;
  const h = c.hidden;
  const k: Keys = [
    [`${p}embeddings.class_embedding`, [h]],
    [`${p}embeddings.patch_embedding.weight`, [h, 3, c.patch, c.patch]],
    [`${p}embeddings.position_embedding.weight`, [(c.imageSize / c.patch) ** 2 + 1, h]],
    ...norm(`${p}pre_layrnorm`, h),
  ];
  for (let i = 0; i < c.layers; i++) {
    const l = `${p}encoder.layers.${i}.`;
    for (const n of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) k.push(...lin(`${l}self_attn.${n}`, h, h));
    k.push(
      ...norm(`${l}layer_norm1`, h),
      ...lin(`${l}mlp.fc1`, c.intermediate, h),
      ...lin(`${l}mlp.fc2`, h, c.intermediate),
      ...norm(`${l}layer_norm2`, h),
    );
  }
  k.push(...norm(`${p}post_layernorm`, h), [`${prefix}visual_projection.weight`, [c.projection, h]]);
  return k;
}

function lstvKeys(g: SyntheticLm, p: string): Keys {
  const td = g.temporalDim;
  const inner = g.numHeads * g.lstvDimHead;
  const k: Keys = [];
  for (let i = 0; i < g.lstvDepth; i++) {
    const a = `${p}.layers.${i}.0.`;
    const f = `${p}.layers.${i}.1.`;
    k.push(
      ...norm(`${a}norm`, td),
      [`${a}fn.to_qkv.weight`, [3 * inner, td]],
      ...lin(`${a}fn.to_out.0`, td, inner),
      ...norm(`${f}norm`, td),
      ...lin(`${f}fn.net.0`, 4 * td, td),
      ...lin(`${f}fn.net.3`, td, 4 * td),
    );
  }
  return [...k, ...norm(`${p}.norm`, td)];
}

/** HF EncodecModel keys (weight_g/weight_v naming) for a geometry. */
export function codecKeys(c: SyntheticCodec): Keys {
  const k: Keys = [];
  const F = c.num_filters;
  const conv = (p: string, out: number, inp: number, kernel: number): void => {
    k.push(
      [`${p}.conv.bias`, [out]],
      [`${p}.conv.weight_g`, [out, 1, 1]],
      [`${p}.conv.weight_v`, [out, inp, kernel]],
    );
  };
  const res = (p: string, dim: number): void => {
    conv(`${p}.block.1`, dim / c.compress, dim, c.residual_kernel_size);
    conv(`${p}.block.3`, dim, dim / c.compress, 1);
  };
  const lstm = (p: string, dim: number): void => {
    for (let l = 0; l < c.num_lstm_layers; l++)
      k.push(
        [`${p}.lstm.weight_ih_l${l}`, [4 * dim, dim]],
        [`${p}.lstm.weight_hh_l${l}`, [4 * dim, dim]],
        [`${p}.lstm.bias_ih_l${l}`, [4 * dim]],
        [`${p}.lstm.bias_hh_l${l}`, [4 * dim]],
      );
  };
  let i = 0;
  conv(`encoder.layers.${i++}`, F, c.audio_channels, c.kernel_size);
  let scale = 1;
  for (const r of [...c.upsampling_ratios].reverse()) {
    res(`encoder.layers.${i++}`, scale * F);
    i++;
    conv(`encoder.layers.${i++}`, 2 * scale * F, scale * F, 2 * r);
    scale *= 2;
  }
  lstm(`encoder.layers.${i++}`, scale * F);
  i++;
  conv(`encoder.layers.${i}`, c.hidden_size, scale * F, c.last_kernel_size);
  i = 0;
  conv(`decoder.layers.${i++}`, scale * F, c.hidden_size, c.kernel_size);
  lstm(`decoder.layers.${i++}`, scale * F);
  for (const r of c.upsampling_ratios) {
    i++;
    const p = `decoder.layers.${i++}`;
    k.push(
      [`${p}.conv.bias`, [(scale * F) / 2]],
      [`${p}.conv.weight_g`, [scale * F, 1, 1]],
      [`${p}.conv.weight_v`, [scale * F, (scale * F) / 2, 2 * r]],
    );
    scale /= 2;
    res(`decoder.layers.${i++}`, scale * F);
  }
  i++;
  conv(`decoder.layers.${i}`, c.audio_channels, F, c.last_kernel_size);
  for (let q = 0; q < c.num_quantizers; q++) {
    const p = `quantizer.layers.${q}.codebook.`;
    k.push(
      [`${p}inited`, [1]],
      [`${p}cluster_size`, [c.codebook_size]],
      [`${p}embed`, [c.codebook_size, c.codebook_dim]],
      [`${p}embed_avg`, [c.codebook_size, c.codebook_dim]],
    );
  }
  return k;
}

const norm = (p: string, n: number): Keys => [
  [`${p}.weight`, [n]],
  [`${p}.bias`, [n]],
];
const lin = (p: string, out: number, inp: number): Keys => [
  [`${p}.weight`, [out, inp]],
  [`${p}.bias`, [out]],
];
