// Times one window of greedy decoding at a given memory length and reports per-step figures.
import { generateTokens } from '../src/inference/generation/generate';
import type { DecoderModel } from '../src/inference/generation/decoder-model';

/** Figures of one timed window. */
export interface WindowFigures {
  variant: string;
  frames: number;
  memoryTokens: number;
  cross_kv_s: number;
  decode_steps_s: number;
  steps: number;
  steps_per_s: number;
  ms_per_step_50: number;
  ms_per_step_1000: number | null;
  js_ms_per_step: number;
  js_share: number;
  /** Bytes copied between host and device per step (0 on the CPU provider), cross K/V computation included. */
  host_device_mib_per_step: number;
  codes: Int32Array;
}

/** A seeded random video memory [rows, tokens, dim] in [-1, 1). */
export function randomMemory(rows: number, tokens: number, dim: number, seed: number): Float32Array {
  const memory = new Float32Array(rows * tokens * dim);
  let x = seed;
  for (let i = 0; i < memory.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    memory[i] = (x / 4294967296) * 2 - 1;
  }
  return memory;
}

/** Median of the call times in [from, to). */
function medianOf(a: number[], from: number, to: number): number {
  const s = a.slice(Math.max(0, from), Math.min(a.length, to)).sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

/** Runs one greedy CFG window of `frames` codes against a video memory [2, M, dim]. */
export async function timeWindow(
  decoder: DecoderModel,
  frames: number,
  memory: Float32Array,
  seed = 7,
): Promise<WindowFigures> {
  const rows = 2;
  const memoryTokens = memory.length / (rows * decoder.lm.dim);
  const params = { frames, cfgCoef: 3, seed, useSampling: false, temperature: 1, topK: 250, topP: 0 };
  const t1 = performance.now();
  const moved = (): number => decoder.transfer.hostToDevice + decoder.transfer.deviceToHost;
  const before = moved();
  const r = await generateTokens(decoder, { data: memory, rows }, params, { timings: true });
  const t = r.timings!;
  const crossS = t.crossKvMs / 1000;
  const total = (performance.now() - t1) / 1000 - crossS;
  const sum = (a: number[]): number => a.reduce((p, c) => p + c, 0);
  return {
    variant: decoder.variant,
    frames,
    memoryTokens,
    cross_kv_s: crossS,
    decode_steps_s: total,
    steps: r.calls,
    steps_per_s: r.calls / total,
    ms_per_step_50: medianOf(t.callMs, 40, 60),
    ms_per_step_1000: t.callMs.length >= 1000 ? medianOf(t.callMs, 990, 1010) : null,
    js_ms_per_step: sum(t.jsMs) / t.jsMs.length,
    js_share: sum(t.jsMs) / sum(t.callMs),
    host_device_mib_per_step: (moved() - before) / r.calls / 2 ** 20,
    codes: r.codes,
  };
}
