// Input and output names of the decoder graphs: the contract between the graph builder and the generation loop.

/** Roles of the decoder graphs in a bundle. */
export const DECODER_ROLES = { crossKv: 'decoder_cross_kv', step: 'decoder_step' } as const;

/**
 * Precision variants of the step graph: fp32 weights, 8/4-bit block-quantised linear weights, or q8 weights
 * reading int8 cross-attention K/V and an int8 self-attention cache, each with per-row scales (`q8-kv8`, a
 * quarter of the K/V bytes per step).
 */
export type DecoderVariant = 'fp32' | 'q8' | 'q4' | 'q8-kv8' | 'fp16';

/** Every decoder variant, in the order the converter builds them. */
export const DECODER_VARIANTS: readonly DecoderVariant[] = ['fp32', 'q8', 'q4', 'q8-kv8', 'fp16'];

/** How the cross-attention K/V of a step variant are stored: float32, or int8 with a scale per row. */
export type CrossKvStorage = 'fp32' | 'kv8' | 'fp16';

/** How a step graph's self-attention cache is stored: float32, or int8 with a scale per (row, head, position). */
export type SelfCacheStorage = 'fp32' | 'kv8' | 'fp16';

/** The cross K/V graph variant a step variant reads. */
export const crossKvStorageOf = (v: DecoderVariant): CrossKvStorage =>
  v.endsWith('-kv8') ? 'kv8' : v === 'fp16' ? 'fp16' : 'fp32';

/** The float type a step variant computes in: fp16 (weights, activations, K/V caches) for GPUs, else fp32. */
export const computeTypeOf = (v: DecoderVariant): 'float32' | 'float16' =>
  v === 'fp16' ? 'float16' : 'float32';

/** The weight precision of a step variant (what its linears are stored as). */
export const weightPrecisionOf = (v: DecoderVariant): 'fp32' | 'fp16' | 'q8' | 'q4' =>
  v === 'q8-kv8' ? 'q8' : v;

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
  /** Scales of int8 cross K per (row, head, memory token) [N, H, 1, M]. */
  crossKScale: (l: number): string => `cross_k_scale_${l}`,
  /** Scales of int8 cross V per (row, head, memory token) [N, H, 1, M]. */
  crossVScale: (l: number): string => `cross_v_scale_${l}`,
  cacheK: (l: number): string => `cache_k_${l}`,
  cacheV: (l: number): string => `cache_v_${l}`,
  /** Scales of an int8 self-attention cache per (row, head, slot) [N, H, 1, T]. */
  cacheKScale: (l: number): string => `cache_k_scale_${l}`,
  cacheVScale: (l: number): string => `cache_v_scale_${l}`,
  newK: (l: number): string => `new_k_${l}`,
  newV: (l: number): string => `new_v_${l}`,
} as const;
