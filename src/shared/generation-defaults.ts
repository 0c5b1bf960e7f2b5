// The sampling the official VidMuse inference uses whatever a checkpoint's training config holds
// (its set_generation_params defaults): top-k 250 sampling at temperature 1, no top-p, guidance 3.

/** Default sampling and guidance of a take. */
export const OFFICIAL_SAMPLING = { temperature: 1, topK: 250, topP: 0, cfgCoef: 3 } as const;
