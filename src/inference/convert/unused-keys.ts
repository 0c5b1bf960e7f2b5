// Checkpoint tensors that no graph needs, by design; any other unused key means the converter missed it.

/** LM keys that are unused by VidMuse (the gutted T5 conditioner's projection). */
export const UNUSED_LM_KEYS = [/^condition_provider\.conditioners\.description\.output_proj\.(weight|bias)$/];

/** Codec keys that are unused (codebook training statistics; only `embed` is used). */
export const UNUSED_CODEC_KEYS = [/^quantizer\.layers\.\d+\.codebook\.(inited|cluster_size|embed_avg)$/];

/** Extra keys that some checkpoints carry and others do not, each harmless for a stated reason. */
export const HARMLESS_EXTRA_KEYS: readonly { pattern: RegExp; why: string }[] = [
  {
    // transformers before 4.31 saved CLIP's position ids as a persistent buffer; they are always 0..n−1.
    pattern: /(^|\.)embeddings\.position_ids$/,
    why: 'a buffer that older transformers versions saved with CLIP (the position ids 0…n−1, implied by the graph)',
  },
];

/** Keys of `names` neither used nor documented as unused. */
export function unexpectedUnused(
  names: readonly string[],
  used: ReadonlySet<string>,
  allowed: readonly RegExp[],
): string[] {
  return names.filter((n) => !used.has(n) && !allowed.some((re) => re.test(n)));
}

/** Splits unexpected keys into known-harmless ones (with a note each) and unknown ones. */
export function sortExtraKeys(extra: readonly string[]): { notes: string[]; unknown: string[] } {
  const notes: string[] = [];
  const unknown: string[] = [];
  for (const k of extra) {
    const known = HARMLESS_EXTRA_KEYS.find((h) => h.pattern.test(k));
    if (known) notes.push(`ignored ${k}: ${known.why}`);
    else unknown.push(k);
  }
  return { notes, unknown };
}
