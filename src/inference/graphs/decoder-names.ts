// Input and output names of the decoder graphs: the contract between the graph builder and the generation loop.

/** Roles of the decoder graphs in a bundle. */
export const DECODER_ROLES = { crossKv: 'decoder_cross_kv', step: 'decoder_step' } as const;

/** Precision variants of the step graph: fp32 weights, or 8/4-bit block-quantised linear weights. */
export type DecoderVariant = 'fp32' | 'q8' | 'q4';

/** Names of the per-layer tensors and the shared inputs/outputs. */
export const decoderNames = {
  videoEmb: 'video_emb',
  tokens: 'tokens',
  positions: 'positions',
  cfg: 'cfg_coef',
  cacheMask: 'cache_mask',
  newMask: 'new_mask',
  logits: 'logits',
  crossK: (l: number): string => `cross_k_${l}`,
  crossV: (l: number): string => `cross_v_${l}`,
  cacheK: (l: number): string => `cache_k_${l}`,
  cacheV: (l: number): string => `cache_v_${l}`,
  newK: (l: number): string => `new_k_${l}`,
  newV: (l: number): string => `new_v_${l}`,
} as const;
