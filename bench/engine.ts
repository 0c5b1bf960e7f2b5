// Engine benchmark (`npm run bench`): builds or reuses a random-weight bundle at the small geometry under
// .cache/bench and prints per-stage times, decoder steps/s, ms per step at steps 50 and 1000, JS time per
// step, real-time factor and peak memory; the last line is JSON.
//   npm run bench -- --seconds 2 --window-frames 4 --variants fp32,q8,q4 --threads 2 [--long-frames 1000]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DecoderModel } from '../src/inference/generation/decoder-model';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import { timeWindow, type WindowFigures } from './decoder-bench';
import { ensureDecoderGraphs } from './decoder-bundle';
import { SMALL_LM } from './random-lm-weights';
import { variantQuality } from './decoder-quality';

const TOKENS_PER_FRAME = 50;
const FRAME_RATE = 50;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '2' },
      'window-frames': { type: 'string' },
      variants: { type: 'string', default: 'fp32,q8,q4' },
      threads: { type: 'string', default: '2' },
      'long-frames': { type: 'string', default: '0' },
      cache: { type: 'string', default: path.join('.cache', 'bench', 'small') },
    },
  });
  const seconds = Number(values.seconds);
  const windowFrames = Number(values['window-frames'] ?? seconds * 2);
  const threads = Number(values.threads);
  const variants = values.variants.split(',') as DecoderVariant[];
  const files = ensureDecoderGraphs(values.cache, SMALL_LM);
  if (files.buildSeconds !== null) console.log(`built decoder graphs in ${files.buildSeconds.toFixed(1)} s`);
  const rt = { intraOpThreads: threads };
  const results: Record<string, unknown>[] = [];
  let reference: Int32Array | null = null;
  for (const variant of variants) {
    const decoder = await DecoderModel.loadFiles(SMALL_LM, files.crossKv, files.step[variant], variant, rt);
    try {
      const w = await timeWindow(decoder, Math.round(seconds * FRAME_RATE), windowFrames * TOKENS_PER_FRAME);
      const long = Number(values['long-frames']) > 0
        ? await timeWindow(decoder, Number(values['long-frames']), windowFrames * TOKENS_PER_FRAME) : null;
      if (variant === 'fp32') reference = w.codes;
      results.push({ ...summary(w, seconds), provider: decoder.provider, ...(long ? { long: summary(long, long.frames / FRAME_RATE) } : {}) });
      console.log(JSON.stringify(results[results.length - 1]));
    } finally {
      await decoder.dispose();
    }
  }
  const quality = reference ? await variantQuality(files, SMALL_LM, variants, reference, windowFrames * TOKENS_PER_FRAME, rt) : null;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    geometry: 'small', seconds, window_frames: windowFrames, threads, results, quality, peak_rss_mib: Math.round(rss),
  }));
}

function summary(w: WindowFigures, seconds: number): Record<string, unknown> {
  const { codes: _codes, ...rest } = w;
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])),
    stages: { cross_kv: round(w.cross_kv_s), decode_steps: round(w.decode_steps_s) },
    rtf_decoder: round((w.cross_kv_s + w.decode_steps_s) / seconds),
  };
}

await main();
