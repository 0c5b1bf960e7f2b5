// Which decoder precision to run: the one the user asks for; else the default the precision gate recorded
// for this bundle's own weights at conversion (src/inference/precision); else, for a bundle converted
// without the gate, the ranking measured on random weights at the small geometry (q8 ≈2 %, ≈95 %; q4 ≈15 %).
import {
  defaultOf as sharedDefaultOf,
  gateDefaultFor as sharedGateDefaultFor,
} from '../../shared/decoder-precision';
import type { PrecisionRecord } from '../bundle/types';
import type { DecoderVariant } from '../graphs/decoder-names';

/** Variants fastest first, with whether each passed the gate on random weights (bundles without a record). */
export const VARIANT_RANKING: readonly { variant: DecoderVariant; qualityPassed: boolean }[] = [
  { variant: 'q4', qualityPassed: false },
  { variant: 'q8', qualityPassed: true },
  { variant: 'fp32', qualityPassed: true },
];

/** The requested variant when the bundle has it; for 'auto', the fastest available one that passed. */
export function chooseDecoderVariant(
  available: readonly string[],
  requested: DecoderVariant | 'auto' = 'auto',
  gateDefault?: string,
): DecoderVariant {
  if (requested !== 'auto' && available.includes(requested)) return requested;
  if (gateDefault && available.includes(gateDefault)) return gateDefault as DecoderVariant;
  const pick = VARIANT_RANKING.find((r) => r.qualityPassed && available.includes(r.variant));
  return pick?.variant ?? 'fp32';
}

/** The fastest variant that passed on a provider (see src/shared/decoder-precision.ts). */
export const defaultOf = (measured: Record<string, { passed: boolean }>, provider: string): DecoderVariant =>
  sharedDefaultOf(measured, provider) as DecoderVariant;

/** The gate's default for a provider, from the bundle's record (undefined without a record). */
export const gateDefaultFor = (record: PrecisionRecord | undefined, provider: string): string | undefined =>
  sharedGateDefaultFor(record, provider);
