// Which decoder precision to run: the fastest variant whose quality against fp32 passed the gate, unless
// the user asks for one. The gate (relative RMS logits error ≤ 5 %, greedy argmax agreement ≥ 90 % over a
// teacher-forced window, measured by `npm run bench`) is passed by q8 (≈2 %, ≈95 %) and not by q4 (≈15 %).
import type { DecoderVariant } from '../graphs/decoder-names';

/** Variants fastest first, with whether each passed the quality gate. */
export const VARIANT_RANKING: readonly { variant: DecoderVariant; qualityPassed: boolean }[] = [
  { variant: 'q4', qualityPassed: false },
  { variant: 'q8', qualityPassed: true },
  { variant: 'fp32', qualityPassed: true },
];

/** The requested variant when the bundle has it; for 'auto', the fastest available one that passed. */
export function chooseDecoderVariant(
  available: readonly string[],
  requested: DecoderVariant | 'auto' = 'auto',
): DecoderVariant {
  if (requested !== 'auto' && available.includes(requested)) return requested;
  const pick = VARIANT_RANKING.find((r) => r.qualityPassed && available.includes(r.variant));
  return pick?.variant ?? 'fp32';
}
