// Checkpoint tensors that no graph needs, by design; any other unused key means the converter missed it.

/** LM keys that are unused by VidMuse (the gutted T5 conditioner's projection). */
export const UNUSED_LM_KEYS = [/^condition_provider\.conditioners\.description\.output_proj\.(weight|bias)$/];

/** Codec keys that are unused (codebook training statistics; only `embed` is used). */
export const UNUSED_CODEC_KEYS = [/^quantizer\.layers\.\d+\.codebook\.(inited|cluster_size|embed_avg)$/];

/** Keys of `names` neither used nor documented as unused. */
export function unexpectedUnused(
  names: readonly string[],
  used: ReadonlySet<string>,
  allowed: readonly RegExp[],
): string[] {
  return names.filter((n) => !used.has(n) && !allowed.some((re) => re.test(n)));
}
