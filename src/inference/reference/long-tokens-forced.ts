// long_tokens on a provider whose arithmetic differs from the CPU's in the last bits (a GPU): over 1500
// greedy steps a near-tie can flip one argmax and the rest of the run follows it, so equality of the free
// run proves nothing either way. Instead each window is run step by step teacher-forced on the reference
// tokens (as the app generates: the window's prompt in one call, then one step per call), and every reference
// token must be our greedy choice or within twice the logits tolerance of it.
import { DelayPattern } from '../generation/delay-pattern';
import type { DecoderModel } from '../generation/decoder-model';
import { generateTokens } from '../generation/generate';
import { TOLERANCE, type CheckResult } from './check';

/** Greedy logits worse than the best by at most this still count as the same choice (a tie within tolerance). */
export const TIE_TOLERANCE = 2 * TOLERANCE.logits;

/** Margins of one teacher-forced window: how far below our best logit each reference token's logit is. */
export interface ForcedMargins {
  compared: number;
  argmaxEqual: number;
  maxMargin: number;
}

/**
 * Runs `codes` [1, K, T] teacher-forced through the decoder and measures the margin of every reference token
 * from frame `given` on (the frames before were the window's prompt, not predicted in it).
 */
export async function forcedMargins(
  decoder: DecoderModel,
  memory: Float32Array,
  codes: Int32Array,
  given: number,
): Promise<ForcedMargins> {
  const { nQ: K, card, delays } = decoder.lm;
  const T = codes.length / K;
  const pattern = new DelayPattern(T, delays);
  const prompt = given > 0 ? { codes: firstFrames(codes, K, given), frames: given } : undefined;
  const start = prompt ? pattern.firstStepWithFrame(given) : 1;
  const seq = pattern.apply(codes, 1, card);
  const m: ForcedMargins = { compared: 0, argmaxEqual: 0, maxMargin: 0 };
  const onLogits = (call: number, logits: Float32Array, count: number): void => {
    const offset = start + call;
    for (let j = 0; j < count; j++) {
      const step = offset - count + 1 + j;
      if (step >= pattern.steps) continue;
      for (let q = 0; q < K; q++) {
        if (!pattern.isValid(step, q) || pattern.frameAt(step, q) < given) continue;
        const base = (q * count + j) * card;
        let best = -Infinity;
        for (let c = 0; c < card; c++) best = Math.max(best, logits[base + c]!);
        const margin = best - logits[base + seq[q * pattern.steps + step]!]!;
        m.compared++;
        if (margin === 0) m.argmaxEqual++;
        m.maxMargin = Math.max(m.maxMargin, margin);
      }
    }
  };
  const params = {
    useSampling: false,
    temperature: 1,
    topK: 250,
    topP: 0,
    cfgCoef: 3,
    seed: 0,
    frames: T,
  };
  await generateTokens(
    decoder,
    { data: memory, rows: 2 },
    { ...params, prompt },
    { onLogits, forceCodes: codes },
  );
  return m;
}

function firstFrames(codes: Int32Array, K: number, n: number): Int32Array {
  const T = codes.length / K;
  const out = new Int32Array(K * n);
  for (let k = 0; k < K; k++) out.set(codes.subarray(k * T, k * T + n), k * n);
  return out;
}

/** The check result over all windows. */
export function forcedResult(all: ForcedMargins[], provider: string): CheckResult {
  const compared = all.reduce((n, m) => n + m.compared, 0);
  const equal = all.reduce((n, m) => n + m.argmaxEqual, 0);
  const maxMargin = Math.max(0, ...all.map((m) => m.maxMargin));
  return {
    name: `long_tokens (teacher-forced on ${provider})`,
    maxAbsError: maxMargin,
    tolerance: TIE_TOLERANCE,
    exact: false,
    pass: compared > 0 && maxMargin <= TIE_TOLERANCE,
    detail:
      equal === compared
        ? `reference token is our argmax at all ${compared}`
        : `reference token is our argmax at ${equal} of ${compared}; the others ${maxMargin.toExponential(2)} or less below it`,
  };
}
