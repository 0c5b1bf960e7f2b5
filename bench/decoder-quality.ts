// Quality of the quantised step graphs against fp32: the fp32 greedy sequence teacher-forced (its first half in
// one call, the rest in a second call reading the first from the self-attention cache, as generation does),
// comparing the guided logits (max abs error) and their argmax (agreement) at every position.
import type { LmConfig } from '../src/inference/bundle/types';
import { DecoderModel } from '../src/inference/generation/decoder-model';
import { DelayPattern } from '../src/inference/generation/delay-pattern';
import { teacherForcedLogits } from '../src/inference/generation/teacher-forced';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import type { RuntimeOptions } from '../src/inference/runtime/session';
import { argmax } from '../src/inference/generation/sampler';
import { crossFileOf, type BenchFiles } from './bench-bundle';

/** Agreement of one variant with fp32. */
export interface VariantQuality {
  max_abs_logits_err: number;
  /** RMS of the error over RMS of the fp32 logits. */
  rel_rms_logits_err: number;
  /** Fraction of (codebook, position) rows whose argmax equals fp32's. */
  argmax_agreement: number;
  positions: number;
}

/** The quality gate a variant must pass to be a default: rel. RMS logits error ≤ 5 %, argmax agreement ≥ 90 %. */
export const passesGate = (q: VariantQuality): boolean =>
  q.rel_rms_logits_err <= 0.05 && q.argmax_agreement >= 0.9;

/** Positions compared (a prefill this long stays cheap at the small geometry). */
const MAX_POSITIONS = 256;

/** Max logits error and argmax agreement of each variant against fp32. */
export async function variantQuality(
  files: BenchFiles,
  lm: LmConfig,
  variants: DecoderVariant[],
  codes: Int32Array,
  memory: Float32Array,
  rt: RuntimeOptions,
): Promise<Record<string, VariantQuality>> {
  const frames = codes.length / lm.nQ;
  const pattern = new DelayPattern(frames, lm.delays);
  const seq = pattern.apply(codes, 1, lm.card);
  const S = Math.min(pattern.steps, MAX_POSITIONS);
  const logits: Partial<Record<DecoderVariant, Float32Array>> = {};
  for (const v of ['fp32' as const, ...variants.filter((x) => x !== 'fp32')]) {
    const dec = await DecoderModel.loadFiles(lm, crossFileOf(files, v), files.step[v], v, rt);
    try {
      const cross = await dec.crossKv(memory, 2);
      const forced = { seq, steps: pattern.steps, count: S, split: Math.floor(S / 2) };
      logits[v] = await teacherForcedLogits(dec, cross, forced, 2, 3);
    } finally {
      await dec.dispose();
    }
  }
  const ref = logits.fp32!;
  const result: Record<string, VariantQuality> = {};
  for (const v of variants) {
    const l = logits[v]!;
    let err = 0;
    let se = 0;
    let sr = 0;
    for (let i = 0; i < ref.length; i++) {
      const e = l[i] - ref[i];
      err = Math.max(err, Math.abs(e));
      se += e * e;
      sr += ref[i] * ref[i];
    }
    let agree = 0;
    const rowsN = ref.length / lm.card;
    for (let r = 0; r < rowsN; r++)
      if (argmax(l, r * lm.card, lm.card) === argmax(ref, r * lm.card, lm.card)) agree++;
    result[v] = {
      max_abs_logits_err: err,
      rel_rms_logits_err: Math.sqrt(se / sr),
      argmax_agreement: agree / rowsN,
      positions: S,
    };
  }
  return result;
}
