// Converts the released checkpoint files into a model bundle (ARCHITECTURE.md §4): reads the LM export and
// the HF codec tensor by tensor, writes every graph with external data, then hashes and writes model.json.
// Output goes to a temporary folder renamed at the end, so a failure or cancel leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { OFFICIAL_SAMPLING } from '../../shared/generation-defaults';
import { estimateEta, type JobOptions } from '../../shared/progress';
import type { BundleManifest } from '../bundle/types';
import { bundleBytes, saveManifest, writeManifest, type BundleDescription } from '../bundle/writer';
import { measurePrecisionPerProvider } from '../precision/measure-precision';
import type { BuiltGraph, GraphBuildContext } from '../graphs/context';
import { buildClipGraph } from '../graphs/clip';
import { buildLstvGraph } from '../graphs/lstv';
import { buildCodecDecoderGraph, buildCodecEncoderGraph } from '../graphs/codec';
import { buildDecoderGraphs } from '../graphs/decoder';
import type { DecoderVariant } from '../graphs/decoder-names';
import { CLIP_MEAN, CLIP_STD } from '../graphs/clip-constants';
import { readCodecConfig } from './codec-config';
import { openLmCheckpoint } from './lm-checkpoint';
import { lmConfigFromCheckpoint, type LmCheckpointConfig } from './lm-config';
import { openSafetensors } from './safetensors';
import { UNUSED_CODEC_KEYS, UNUSED_LM_KEYS, sortExtraKeys, unexpectedUnused } from './unused-keys';

/** What to convert and how. */
export interface ConvertOptions extends JobOptions {
  /** `state_dict.bin` (audiocraft export). */
  lmCheckpoint: string;
  /** Folder with the HF codec's config.json + model.safetensors. */
  codecDir: string;
  /** Bundle folder to create (must not exist, or be empty). */
  outDir: string;
  /** Store large weights as float16 (compute stays float32). */
  fp16?: boolean;
  /** Decoder step-graph variants (default: the decoder's own default). */
  decoderVariants?: DecoderVariant[];
  id?: string;
  name?: string;
  /** False for seeded random weights (tiny test bundles). */
  trained?: boolean;
  source?: string;
  /** Leaves out the precision gate (model.json then has no `precision`; 'auto' falls back to q8 if present). */
  skipGate?: boolean;
  /** Receives what the user should know about the conversion (e.g. checkpoint keys ignored as harmless). */
  onNote?: (note: string) => void;
}

/** Converts and returns the manifest written to `outDir/model.json`. */
export async function convertBundle(o: ConvertOptions): Promise<BundleManifest> {
  prepareOut(o.outDir);
  const tmp = `${o.outDir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const manifest = await convertInto(tmp, o);
    if (fs.existsSync(o.outDir)) fs.rmdirSync(o.outDir);
    fs.renameSync(tmp, o.outDir);
    return manifest;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw userError(e, o);
  }
}

/** Errors a user can act on become AppErrors: a missing tensor, a full disk, an unwritable folder. */
function userError(e: unknown, o: ConvertOptions): unknown {
  if (e instanceof AppError || !(e instanceof Error)) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC')
    return new AppError('disk-full', `Not enough disk space to write the bundle next to ${o.outDir}`);
  if (code === 'EACCES' || code === 'EROFS')
    return new AppError('not-writable', `Cannot write the bundle at ${o.outDir}: ${e.message}`);
  const missing = /^(.*): missing tensor "([^"]+)"$/.exec(e.message);
  if (missing)
    return new AppError(
      'invalid-input',
      `${missing[1]}: the checkpoint has no tensor "${missing[2]}" (not a VidMuse/EnCodec checkpoint of the expected layout)`,
    );
  return e;
}

async function convertInto(dir: string, o: ConvertOptions): Promise<BundleManifest> {
  const codec = readCodecConfig(o.codecDir);
  const lmFile = o.lmCheckpoint;
  const ckpt = openLmCheckpoint(lmFile);
  const codecWeights = openSafetensors(path.join(o.codecDir, 'model.safetensors'));
  try {
    const cfg = lmConfigFromCheckpoint(ckpt.xpCfg, ckpt.weights, lmFile);
    if (cfg.lm.nQ !== codec.numCodebooks)
      throw new AppError(
        'invalid-input',
        `${lmFile}: the LM predicts ${cfg.lm.nQ} codebooks but the codec in ${o.codecDir} uses ${codec.numCodebooks}`,
      );
    const base: GraphBuildContext = {
      weights: ckpt.weights,
      lm: cfg.lm,
      clip: cfg.clip,
      codec,
      outDir: dir,
      weightDType: o.fp16 ? 'float16' : 'float32',
      dry: true,
    };
    const total = plannedBytes(buildAll(base, { ...base, weights: codecWeights }, o.decoderVariants));
    const started = Date.now();
    let done = 0;
    const onBytes = (n: number): void => {
      if (o.signal?.aborted) throw new AppError('cancelled', 'Conversion cancelled');
      done = Math.min(total, done + n);
      o.onProgress?.({
        stage: 'convert',
        done,
        total,
        etaSeconds: estimateEta(started, Date.now(), done, total),
      });
    };
    const live: GraphBuildContext = { ...base, dry: false, onBytes };
    const graphs = buildAll(live, { ...live, weights: codecWeights }, o.decoderVariants);
    o.onProgress?.({ stage: 'convert', done: total, total, etaSeconds: 0 });
    const notes = [
      ...checkUnused(ckpt.weights, UNUSED_LM_KEYS, lmFile),
      ...checkUnused(codecWeights, UNUSED_CODEC_KEYS, path.join(o.codecDir, 'model.safetensors')),
    ];
    notes.forEach((n) => o.onNote?.(n));
    const hashTotal = bundleBytes(dir, graphs);
    let hashed = 0;
    const manifest = await writeManifest(
      dir,
      { ...describe(cfg, codec, o), ...(notes.length ? { conversionNotes: notes } : {}) },
      graphs,
      (n) => {
        hashed += n;
        o.onProgress?.({ stage: 'verify', done: hashed, total: hashTotal, etaSeconds: null });
      },
      o.signal,
    );
    if (o.skipGate) return manifest;
    const gateOpts = { signal: o.signal, onProgress: o.onProgress };
    const precision = await measurePrecisionPerProvider(dir, manifest, gateOpts);
    const gated = { ...manifest, precision };
    saveManifest(dir, gated);
    return gated;
  } finally {
    ckpt.close();
    codecWeights.close();
  }
}

/** Every graph of a bundle, in manifest order. */
export function buildAll(
  lmCtx: GraphBuildContext,
  codecCtx: GraphBuildContext,
  variants?: DecoderVariant[],
): BuiltGraph[] {
  return [
    buildClipGraph(lmCtx),
    buildLstvGraph(lmCtx),
    ...buildDecoderGraphs(lmCtx, variants ? { variants } : {}),
    buildCodecDecoderGraph(codecCtx),
    buildCodecEncoderGraph(codecCtx),
  ];
}

function describe(
  cfg: LmCheckpointConfig,
  codec: BundleManifest['codec'],
  o: ConvertOptions,
): BundleDescription {
  const { lm, clip } = cfg;
  return {
    id: o.id ?? `vidmuse-${lm.dim}x${lm.numLayers}${o.fp16 ? '-fp16' : ''}`,
    name: o.name ?? `VidMuse (${lm.numLayers} layers, dim ${lm.dim})`,
    licence: 'CC-BY-NC-4.0',
    source: o.source ?? `${path.basename(o.lmCheckpoint)} + ${path.basename(path.resolve(o.codecDir))}`,
    trained: o.trained ?? true,
    createdBy: 'vidmuse-studio convert',
    video: {
      fps: cfg.videoFps,
      imageSize: clip.imageSize,
      mean: CLIP_MEAN,
      std: CLIP_STD,
      tokensPerFrame: clip.tokensPerFrame,
      globalFrames: cfg.globalFrames,
      maxWindowSeconds: 30,
    },
    audio: {
      sampleRate: codec.sampleRate,
      channels: codec.channels,
      frameRate: codec.frameRate,
      hopLength: codec.hopLength,
      codebooks: lm.nQ,
      card: lm.card,
      specialToken: lm.card,
      delays: lm.delays,
    },
    lm,
    clip,
    codec,
    generation: { ...OFFICIAL_SAMPLING, windowSeconds: 30, overlapSeconds: 2 },
    trainingConfigGeneration: cfg.trainingGeneration,
  };
}

/** Bytes of weight data the graphs will write (from a dry run). */
function plannedBytes(graphs: readonly BuiltGraph[]): number {
  const size: Record<string, number> = { float32: 4, float16: 2, int64: 8, int32: 4, uint8: 1, int8: 1 };
  let n = 0;
  for (const g of graphs)
    for (const i of g.initializers.values()) n += (size[i.dtype] ?? 4) * i.dims.reduce((a, b) => a * b, 1);
  return n;
}

function prepareOut(out: string): void {
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0))
    throw new AppError(
      'invalid-input',
      `${out}: already exists and is not an empty folder; choose a new bundle folder`,
    );
  const parent = path.dirname(path.resolve(out));
  if (!fs.existsSync(parent)) throw new AppError('not-found', `${parent}: folder does not exist`);
}

/** Refuses tensors no graph uses unless documented; returns a note for each known-harmless extra. */
function checkUnused(
  w: { names(): string[]; used(): ReadonlySet<string> },
  allowed: readonly RegExp[],
  label: string,
): string[] {
  const { notes, unknown } = sortExtraKeys(unexpectedUnused(w.names(), w.used(), allowed));
  if (unknown.length)
    throw new AppError(
      'invalid-input',
      `${label}: ${unknown.length} tensors are not used by any graph (unexpected checkpoint layout?): ${unknown.slice(0, 5).join(', ')}`,
    );
  return notes.map((n) => `${path.basename(label)}: ${n}`);
}
