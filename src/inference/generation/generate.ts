// The generation loop of one window: delay pattern, classifier-free guidance on the 2B batch (cond rows, then
// null rows whose video memory was computed once), KV cache, sampling, cancellation and streaming.
import { AppError } from '../../shared/errors';
import { estimateEta } from '../../shared/progress';
import { decoderNames as n } from '../graphs/decoder-names';
import type { CrossKv, DecoderModel } from './decoder-model';
import { DelayPattern } from './delay-pattern';
import type { StepCache } from './step-cache';
import { Prng } from './prng';
import { TokenSampler } from './sampler';
import { StepFeeds } from './step-feeds';
import type { GenerateOptions, GenerateParams, GenerateResult, StepTimings } from './types';

/** The video memory of the CFG batch: rows 0..B−1 conditional, rows B..2B−1 the null (all-black) video. */
export interface VideoMemory {
  data: Float32Array;
  /** 2B. */
  rows: number;
}

/**
 * Generates codes [B, K, frames] for one window. Greedy when params.useSampling is false; otherwise seeded
 * sampling (same seed, same codes). Throws AppError 'cancelled' when the signal aborts between steps.
 */
export async function generateTokens(
  decoder: DecoderModel,
  memory: VideoMemory,
  params: GenerateParams,
  opts: GenerateOptions = {},
): Promise<GenerateResult> {
  const lm = decoder.lm;
  const B = checkParams(memory, params, lm.nQ);
  const K = lm.nQ;
  const pattern = new DelayPattern(params.frames, lm.delays);
  const seq = pattern.apply(initialCodes(params, B, K), B, lm.card);
  const start = params.prompt ? pattern.firstStepWithFrame(params.prompt.frames) : 1;
  throwIfAborted(opts.signal);
  const tc = performance.now();
  const cross = await decoder.crossKv(memory.data, memory.rows);
  const window: WindowState = {
    cross,
    seq,
    pattern,
    start,
    rows: memory.rows,
    B,
    crossKvMs: performance.now() - tc,
  };
  try {
    return await decode(decoder, window, params, opts);
  } finally {
    decoder.releaseCross(cross);
  }
}

/** What the step loop of one window works on. */
interface WindowState {
  cross: CrossKv;
  seq: Int32Array;
  pattern: DelayPattern;
  /** First sequence step to generate (after the prompt). */
  start: number;
  /** Rows of the CFG batch (2B). */
  rows: number;
  B: number;
  crossKvMs: number;
}

/** The step loop of one window over computed cross K/V, with a self-attention cache where the decoder keeps it. */
async function decode(
  decoder: DecoderModel,
  w: WindowState,
  params: GenerateParams,
  opts: GenerateOptions,
): Promise<GenerateResult> {
  const cache = decoder.newCache(w.rows, w.pattern.steps);
  try {
    return await stepLoop(decoder, w, cache, params, opts);
  } finally {
    cache.release();
  }
}

/** The steps of one window with its self-attention cache. */
async function stepLoop(
  decoder: DecoderModel,
  w: WindowState,
  cache: StepCache,
  params: GenerateParams,
  opts: GenerateOptions,
): Promise<GenerateResult> {
  const { cross, seq, pattern, start, rows, B, crossKvMs } = w;
  const lm = decoder.lm;
  const K = lm.nQ;
  const feeds = new StepFeeds(rows, K, cross, params.cfgCoef);
  const forced = opts.forceCodes ? pattern.apply(opts.forceCodes, B, lm.card) : null;
  const sampler = new TokenSampler(lm.card, params, new Prng(params.seed));
  const timings: StepTimings = { crossKvMs, callMs: [], runMs: [], jsMs: [] };
  const began = performance.now();
  const total = pattern.steps - start;
  let prev = 0;
  for (let offset = start; offset < pattern.steps; offset++) {
    throwIfAborted(opts.signal);
    const t0 = performance.now();
    const count = offset - prev;
    cache.reserve(count);
    const f = feeds.build(seq, pattern.steps, prev, count, cache);
    const t1 = performance.now();
    const out = await decoder.run(f);
    const t2 = performance.now();
    await cache.append(out, count);
    opts.onLogits?.(offset - start, out[n.logits].data as Float32Array, count);
    pickTokens(out[n.logits].data as Float32Array, seq, pattern, offset, count, B, sampler, lm.card);
    if (forced)
      for (let r = 0; r < B * K; r++) seq[r * pattern.steps + offset] = forced[r * pattern.steps + offset]!;
    prev = offset;
    const t3 = performance.now();
    if (opts.timings) record(timings, t0, t1, t2, t3);
    report(opts, pattern, seq, B, offset, offset - start + 1, total, began);
  }
  return {
    codes: pattern.revert(seq, B),
    dims: [B, K, params.frames],
    calls: total,
    ...(opts.timings ? { timings } : {}),
  };
}

/** Writes the tokens of sequence step `offset` from the last position of the guided logits [B, K, count, card]. */
function pickTokens(
  logits: Float32Array,
  seq: Int32Array,
  pattern: DelayPattern,
  offset: number,
  count: number,
  B: number,
  sampler: TokenSampler,
  card: number,
): void {
  const K = pattern.delays.length;
  for (let b = 0; b < B; b++)
    for (let q = 0; q < K; q++) {
      // Sampling even where the slot is fixed keeps the random stream independent of the prompt length.
      const token = sampler.pick(logits, ((b * K + q) * count + count - 1) * card);
      const at = (b * K + q) * pattern.steps + offset;
      // Invalid slots already hold the special token and prompt slots their code: only unknown ones change.
      if (seq[at] < 0) seq[at] = token;
    }
}

function initialCodes(params: GenerateParams, B: number, K: number): Int32Array {
  const codes = new Int32Array(B * K * params.frames).fill(-1);
  const p = params.prompt;
  if (p)
    for (let r = 0; r < B * K; r++)
      codes.set(p.codes.subarray(r * p.frames, (r + 1) * p.frames), r * params.frames);
  return codes;
}

function checkParams(memory: VideoMemory, params: GenerateParams, K: number): number {
  if (memory.rows < 2 || memory.rows % 2 !== 0)
    throw new AppError(
      'invalid-input',
      `The video memory needs an even number of rows (cond then null), got ${memory.rows}`,
    );
  if (!Number.isInteger(params.frames) || params.frames < 1)
    throw new AppError(
      'invalid-input',
      `Frames to generate must be a positive integer, got ${params.frames}`,
    );
  const B = memory.rows / 2;
  const p = params.prompt;
  if (p && (p.frames < 0 || p.frames >= params.frames || p.codes.length !== B * K * p.frames))
    throw new AppError('invalid-input', `The prompt must be [${B}, ${K}, P] codes with P < ${params.frames}`);
  return B;
}

function throwIfAborted(signal?: { readonly aborted: boolean }): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Music generation was cancelled');
}

function record(t: StepTimings, t0: number, t1: number, t2: number, t3: number): void {
  t.callMs.push(t3 - t0);
  t.runMs.push(t2 - t1);
  t.jsMs.push(t1 - t0 + (t3 - t2));
}

function report(
  opts: GenerateOptions,
  pattern: DelayPattern,
  seq: Int32Array,
  B: number,
  offset: number,
  done: number,
  total: number,
  began: number,
): void {
  opts.onProgress?.({
    stage: 'decode',
    done,
    total,
    etaSeconds: estimateEta(began, performance.now(), done, total),
  });
  opts.onPartial?.({
    step: done,
    steps: total,
    framesReady: pattern.framesCompleteAt(offset),
    codes: () => pattern.revert(seq, B),
  });
}
