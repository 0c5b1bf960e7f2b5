// Engine benchmark (`npm run bench`): builds or reuses a random-weight bundle at the small geometry under
// .cache/bench and times one window end to end: CLIP (local + global), LSTV, cross K/V, decoder steps per
// precision variant, codec. Prints steps/s, ms per step at steps ~50 and ~1000, JS time per step, real-time
// factor, peak memory and each variant's quality against fp32; the last line is JSON.
//   npm run bench -- --seconds 2 [--window-frames 4] [--global-frames 32] [--variants fp32,q8,q4] [--threads 2]
//                    [--long-frames 1000]   (adds a window of that many codec frames for the step-1000 figure)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DecoderModel } from '../src/inference/generation/decoder-model';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import { ensureBenchBundle } from './bench-bundle';
import { timeWindow, type WindowFigures } from './decoder-bench';
import { variantQuality } from './decoder-quality';
import { codecStage, frontStages } from './pipeline-bench';
import { SMALL_LM } from './random-lm-weights';

const FRAME_RATE = 50;

function options(): {
  seconds: number;
  windowFrames: number;
  globalFrames: number;
  threads: number;
  variants: DecoderVariant[];
  longFrames: number;
  cache: string;
} {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '2' },
      'window-frames': { type: 'string' },
      'global-frames': { type: 'string', default: '32' },
      variants: { type: 'string', default: 'fp32,q8,q4' },
      threads: { type: 'string', default: '2' },
      'long-frames': { type: 'string', default: '0' },
      cache: { type: 'string', default: path.join('.cache', 'bench', 'full') },
    },
  });
  const seconds = Number(values.seconds);
  return {
    seconds,
    windowFrames: Number(values['window-frames'] ?? Math.max(1, Math.round(seconds * 2))),
    globalFrames: Number(values['global-frames']),
    threads: Number(values.threads),
    variants: values.variants.split(',') as DecoderVariant[],
    longFrames: Number(values['long-frames']),
    cache: values.cache,
  };
}

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

function summary(w: WindowFigures): Record<string, unknown> {
  const { codes: _codes, ...rest } = w;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}

async function main(): Promise<void> {
  const o = options();
  const files = ensureBenchBundle(o.cache);
  if (files.buildSeconds !== null)
    console.log(`built the bench bundle in ${files.buildSeconds.toFixed(1)} s`);
  const rt = { intraOpThreads: o.threads };
  const front = await frontStages(files, o.windowFrames, o.globalFrames, rt);
  const frames = Math.round(o.seconds * FRAME_RATE);
  const runs: Record<string, Record<string, unknown>> = {};
  let reference: Int32Array | null = null;
  let codec = 0;
  for (const variant of o.variants) {
    const decoder = await DecoderModel.loadFiles(SMALL_LM, files.crossKv, files.step[variant], variant, rt);
    try {
      const w = await timeWindow(decoder, frames, front.memory);
      if (reference === null) codec = await codecStage(files, w.codes, rt);
      if (variant === 'fp32') reference = w.codes;
      const long = o.longFrames > 0 ? await timeWindow(decoder, o.longFrames, front.memory) : null;
      const total =
        front.clip_local + front.clip_global + front.lstv + w.cross_kv_s + w.decode_steps_s + codec;
      runs[variant] = {
        ...summary(w),
        rtf: round(total / o.seconds),
        provider: decoder.provider,
        ...(long ? { long: summary(long) } : {}),
      };
      console.log(JSON.stringify({ variant, ...runs[variant] }));
    } finally {
      await decoder.dispose();
    }
  }
  const quality = reference
    ? await variantQuality(files, SMALL_LM, o.variants, reference, front.memory, rt)
    : null;
  console.log(
    JSON.stringify({
      geometry: 'small',
      seconds: o.seconds,
      window_frames: o.windowFrames,
      global_frames: o.globalFrames,
      threads: o.threads,
      stages: {
        clip_local: round(front.clip_local),
        clip_global: round(front.clip_global),
        lstv: round(front.lstv),
        codec: round(codec),
      },
      variants: runs,
      quality,
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

await main();
