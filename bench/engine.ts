// Engine benchmark (`npm run bench`): builds or reuses a random-weight bundle at a released geometry (small or
// medium, the released checkpoint's size) and times one window end to end: CLIP (local + global), LSTV, cross
// K/V, decoder steps per precision variant, codec. Prints steps/s, ms per step at steps ~50 and ~1000, JS time
// per step, real-time factor, each variant's quality against fp32 and the default variant (the fastest that
// passes the quality gate); with the PyTorch peer (--peer FILE or $VIDMUSE_TORCH_PEER) run in the same
// process tree, each variant's speed ratio to it. The last line is JSON.
//   npm run bench -- --geometry small|medium --seconds 2 [--window-frames 60] [--global-frames 32]
//                    [--variants fp32,q8,q8-kv8] [--threads 2] [--long-frames 1000] [--cache DIR] [--peer FILE]
//                    [--ep auto|cpu|webgpu|cuda]
import { parseArgs } from 'node:util';
import { DecoderModel } from '../src/inference/generation/decoder-model';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import type { ProviderRequest } from '../src/inference/runtime/session';
import {
  benchCacheDir,
  crossFileOf,
  ensureBenchBundle,
  GEOMETRIES,
  type BenchGeometry,
} from './bench-bundle';
import { timeWindow, type WindowFigures } from './decoder-bench';
import { passesGate, variantQuality, type VariantQuality } from './decoder-quality';
import { runPeer, type PeerFigures } from './peer';
import { codecStage, frontStages } from './pipeline-bench';

const FRAME_RATE = 50;

interface Options {
  geometry: BenchGeometry;
  seconds: number;
  windowFrames: number;
  globalFrames: number;
  threads: number;
  variants: DecoderVariant[];
  longFrames: number;
  cache: string;
  peer: string | null;
  ep: ProviderRequest;
}

const DEFAULT_VARIANTS: Record<string, string> = { small: 'fp32,q8,q4,q8-kv8', medium: 'fp32,q8,q8-kv8' };

function options(): Options {
  const { values } = parseArgs({
    options: {
      geometry: { type: 'string', default: 'small' },
      seconds: { type: 'string', default: '2' },
      'window-frames': { type: 'string' },
      'global-frames': { type: 'string', default: '32' },
      variants: { type: 'string' },
      threads: { type: 'string', default: '2' },
      'long-frames': { type: 'string', default: '0' },
      cache: { type: 'string' },
      peer: { type: 'string' },
      ep: { type: 'string', default: 'auto' },
    },
  });
  const geometry = GEOMETRIES[values.geometry as BenchGeometry['name']];
  if (!geometry) throw new Error(`--geometry must be small or medium, got "${values.geometry}"`);
  const seconds = Number(values.seconds);
  return {
    geometry,
    seconds,
    windowFrames: Number(values['window-frames'] ?? Math.max(1, Math.round(seconds * 2))),
    globalFrames: Number(values['global-frames']),
    threads: Number(values.threads),
    variants: (values.variants ?? DEFAULT_VARIANTS[geometry.name]).split(',') as DecoderVariant[],
    longFrames: Number(values['long-frames']),
    cache: benchCacheDir(geometry.name, values.cache),
    peer: values.peer ?? process.env.VIDMUSE_TORCH_PEER ?? null,
    ep: values.ep as ProviderRequest,
  };
}

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

function summary(w: WindowFigures): Record<string, unknown> {
  const { codes: _codes, ...rest } = w;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}

/** The fastest variant that passed the gate (fp32 is the reference and always passes). */
function defaultVariant(
  runs: Record<string, { steps_per_s: number }>,
  quality: Record<string, VariantQuality> | null,
): string {
  const passing = Object.keys(runs).filter((v) => v === 'fp32' || (quality?.[v] && passesGate(quality[v])));
  return passing.sort((a, b) => runs[b].steps_per_s - runs[a].steps_per_s)[0] ?? 'fp32';
}

async function main(): Promise<void> {
  const o = options();
  const files = ensureBenchBundle(o.cache, o.geometry, o.variants);
  console.log(
    `bench bundle (${o.geometry.name}) in ${o.cache}: ${(files.diskBytes / 2 ** 30).toFixed(2)} GiB, built now in ${files.buildSeconds.toFixed(1)} s`,
  );
  const rt = { intraOpThreads: o.threads, provider: o.ep };
  const lm = o.geometry.lm;
  const front = await frontStages(files, o.windowFrames, o.globalFrames, rt);
  const frames = Math.round(o.seconds * FRAME_RATE);
  const runs: Record<string, Record<string, unknown> & { steps_per_s: number }> = {};
  let reference: Int32Array | null = null;
  let codec = 0;
  for (const variant of o.variants) {
    const decoder = await DecoderModel.loadFiles(
      lm,
      crossFileOf(files, variant),
      files.step[variant],
      variant,
      rt,
    );
    try {
      const w = await timeWindow(decoder, frames, front.memory);
      if (reference === null) codec = await codecStage(files, w.codes, rt);
      if (variant === 'fp32') reference = w.codes;
      const long = o.longFrames > 0 ? await timeWindow(decoder, o.longFrames, front.memory) : null;
      const total =
        front.clip_local + front.clip_global + front.lstv + w.cross_kv_s + w.decode_steps_s + codec;
      runs[variant] = {
        ...summary(w),
        steps_per_s: round(w.steps_per_s)!,
        rtf: round(total / o.seconds),
        provider: decoder.provider,
        ...(long
          ? { long: summary(long), step_1000_over_50: round(long.ms_per_step_1000! / long.ms_per_step_50) }
          : {}),
      };
      console.log(JSON.stringify({ variant, ...runs[variant] }));
    } finally {
      await decoder.dispose();
    }
  }
  const quality = reference ? await variantQuality(files, lm, o.variants, reference, front.memory, rt) : null;
  const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
  const peer = o.peer ? peerRun(o) : null;
  if (peer && 'steps_per_s' in peer)
    for (const r of Object.values(runs)) r.ratio_to_peer = round(r.steps_per_s / peer.steps_per_s);
  console.log(
    JSON.stringify({
      geometry: o.geometry.name,
      default_variant: defaultVariant(runs, quality),
      seconds: o.seconds,
      window_frames: o.windowFrames,
      global_frames: o.globalFrames,
      memory_tokens: front.memory.length / (2 * lm.dim),
      threads: o.threads,
      ep: o.ep,
      bundle_gib: round(files.diskBytes / 2 ** 30),
      stages: {
        clip_local: round(front.clip_local),
        clip_global: round(front.clip_global),
        lstv: round(front.lstv),
        codec: round(codec),
      },
      variants: runs,
      quality,
      gate: 'rel_rms_logits_err <= 0.05 and argmax_agreement >= 0.9',
      peer,
      peak_rss_mib: peakRss,
    }),
  );
}

/** The peer's figures, or its error (our figures are still printed when the peer cannot run). */
function peerRun(o: Options): PeerFigures | { error: string } {
  try {
    return runPeer(o.peer!, {
      geometry: o.geometry.name,
      seconds: o.seconds,
      windowFrames: o.windowFrames,
      globalFrames: o.globalFrames,
      threads: o.threads,
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
}

await main();
