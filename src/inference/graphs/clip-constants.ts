// CLIP's image normalisation constants (OpenAI CLIP), recorded in every bundle's manifest.

/** Per-channel RGB mean. */
export const CLIP_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
/** Per-channel RGB standard deviation. */
export const CLIP_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];
