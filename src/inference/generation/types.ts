// Parameters, callbacks and results of token generation.
import type { JobOptions } from '../../shared/progress';
import type { SamplingParams } from './sampler';

/** What one window's generation is asked to do. */
export interface GenerateParams extends SamplingParams {
  /** Frames of codes to produce in original alignment (50 per second), prompt included. */
  frames: number;
  cfgCoef: number;
  /** Seed of the sampler; the same seed and inputs give the same codes. */
  seed: number;
  /** Optional continuation: codes [B, K, P] that the window starts with (e.g. the previous take's tail). */
  prompt?: { codes: Int32Array; frames: number };
}

/** Partial result after each step, for progress and live previews. */
export interface PartialCodes {
  /** Step calls done and in all. */
  step: number;
  steps: number;
  /** Leading frames whose codes are final in every codebook. */
  framesReady: number;
  /** The codes [B, K, frames] so far (frames ≥ framesReady are not final); computed on demand. */
  codes(): Int32Array;
}

/** Options of generateTokens: cancellation, progress, and a streamer of partial codes. */
export interface GenerateOptions extends JobOptions {
  onPartial?: (p: PartialCodes) => void;
  /** Receives the guided logits [B, K, count, card] of every call (reference checks, diagnostics). */
  onLogits?: (call: number, logits: Float32Array, count: number) => void;
  /** Record per-call timings (for the benchmark). */
  timings?: boolean;
  /**
   * Teacher forcing: codes [B, K, frames] that replace the picked tokens step by step (logits are still computed
   * and reported), so a run follows a reference sequence exactly (reference checks on GPU providers).
   */
  forceCodes?: Int32Array;
}

/** Per-call timings: wall time of each call, the part spent inside session.run, and the JS rest. */
export interface StepTimings {
  /** The once-per-window cross-attention K/V. */
  crossKvMs: number;
  callMs: number[];
  runMs: number[];
  jsMs: number[];
}

/** Codes [B, K, frames] in original alignment (prompt included), with timings when asked for. */
export interface GenerateResult {
  codes: Int32Array;
  dims: [number, number, number];
  calls: number;
  timings?: StepTimings;
}
