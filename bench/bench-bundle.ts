// The benchmark bundle: every graph of the app at a released geometry (small or medium: CLIP ViT-B/32 @ 224,
// LSTV, decoder in each precision variant, EnCodec 32 kHz) with seeded random weights in the checkpoint's key
// names, cached in a folder outside the repository (the medium fp32 decoder alone is 6.4 GB). Variants are
// built on first use, so asking for one more later builds only that one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClipConfig, LmConfig } from '../src/inference/bundle/types';
import { codecConfigFromJson } from '../src/inference/convert/codec-config';
import { buildClipGraph } from '../src/inference/graphs/clip';
import { buildCodecDecoderGraph } from '../src/inference/graphs/codec';
import type { GraphBuildContext } from '../src/inference/graphs/context';
import { buildDecoderGraphs } from '../src/inference/graphs/decoder';
import {
  crossKvStorageOf,
  type CrossKvStorage,
  type DecoderVariant,
} from '../src/inference/graphs/decoder-names';
import { buildLstvGraph } from '../src/inference/graphs/lstv';
import { MEDIUM_LM, SMALL_LM } from './random-lm-weights';
import { randomManifestWeights } from './random-manifest-weights';
import { MANIFEST_DIR } from '../test/fixtures/paths';

/** CLIP ViT-B/32 vision tower at 224 px. */
export const VIT_B32: ClipConfig = {
  hiddenSize: 768,
  intermediateSize: 3072,
  numLayers: 12,
  numHeads: 12,
  imageSize: 224,
  patchSize: 32,
  layerNormEps: 1e-5,
  tokensPerFrame: 50,
};

/** A released model size: its decoder geometry and the checkpoint key list its weights follow. */
export interface BenchGeometry {
  name: 'small' | 'medium';
  lm: LmConfig;
  manifest: string;
}

/** The released geometries (key lists from the reference fixtures' manifests). */
export const GEOMETRIES: Record<BenchGeometry['name'], BenchGeometry> = {
  small: { name: 'small', lm: SMALL_LM, manifest: 'vidmuse_lm_small_state_dict.json' },
  medium: { name: 'medium', lm: MEDIUM_LM, manifest: 'vidmuse_lm_medium_state_dict.json' },
};

/** Graph files of the benchmark bundle. */
export interface BenchFiles {
  clip: string;
  lstv: string;
  codec: string;
  cross: Record<CrossKvStorage, string>;
  step: Record<DecoderVariant, string>;
  /** Seconds spent building now (about 0 when everything was reused). */
  buildSeconds: number;
  /** Bytes of the bundle folder on disk. */
  diskBytes: number;
}

/** The cache folder: `--cache`, else $VIDMUSE_BENCH_CACHE, else ~/.cache/vidmuse-bench; one subfolder per geometry. */
export function benchCacheDir(geometry: string, explicit?: string): string {
  const root =
    explicit ?? process.env.VIDMUSE_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'vidmuse-bench');
  return path.join(root, geometry);
}

const fileOf = (role: string, variant: string): string =>
  variant === 'fp32' ? `${role}.onnx` : `${role}_${variant}.onnx`;

/** Builds into `dir` what is missing for `variants` (the marker records the recipe and the variants built). */
export function ensureBenchBundle(
  dir: string,
  geo: BenchGeometry,
  variants: DecoderVariant[],
  seed = 1,
): BenchFiles {
  const codec = codecConfigFromJson(readJson('encodec_32khz_hf.json').config, 'encodec_32khz');
  const files = filesIn(dir);
  const marker = path.join(dir, 'bench-bundle.json');
  const recipe = JSON.stringify({ lm: geo.lm, clip: VIT_B32, codec, seed, format: 4 });
  let done = readMarker(marker, recipe);
  const t0 = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const base: GraphBuildContext = {
    weights: randomManifestWeights(path.join(MANIFEST_DIR, geo.manifest), seed),
    lm: geo.lm,
    clip: VIT_B32,
    codec,
    outDir: dir,
    weightDType: 'float32',
    dry: false,
  };
  if (!done.includes('front')) {
    buildClipGraph(base);
    buildLstvGraph(base);
    const codecWeights = randomManifestWeights(path.join(MANIFEST_DIR, 'encodec_32khz_hf.json'), seed + 1);
    buildCodecDecoderGraph({ ...base, weights: codecWeights });
    writeMarker(marker, recipe, (done = [...done, 'front']));
  }
  const missing = [...new Set<DecoderVariant>(['fp32', ...variants])].filter((v) => !done.includes(v));
  for (const v of missing) {
    buildDecoderGraphs(base, { variants: [v] });
    writeMarker(marker, recipe, (done = [...done, v]));
  }
  return { ...files, buildSeconds: (performance.now() - t0) / 1000, diskBytes: folderBytes(dir) };
}

function filesIn(dir: string): Omit<BenchFiles, 'buildSeconds' | 'diskBytes'> {
  const variants: DecoderVariant[] = ['fp32', 'q8', 'q4', 'q8-kv8', 'fp16'];
  return {
    clip: path.join(dir, 'visual_encoder.onnx'),
    lstv: path.join(dir, 'lstv.onnx'),
    codec: path.join(dir, 'codec_decoder.onnx'),
    cross: {
      fp32: path.join(dir, fileOf('decoder_cross_kv', 'fp32')),
      kv8: path.join(dir, fileOf('decoder_cross_kv', 'kv8')),
      fp16: path.join(dir, fileOf('decoder_cross_kv', 'fp16')),
    },
    step: Object.fromEntries(variants.map((v) => [v, path.join(dir, fileOf('decoder_step', v))])) as Record<
      DecoderVariant,
      string
    >,
  };
}

/** The cross K/V graph a step variant reads. */
export const crossFileOf = (files: BenchFiles, v: DecoderVariant): string => files.cross[crossKvStorageOf(v)];

function readJson(name: string): { config: unknown } {
  return JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, name), 'utf8')) as { config: unknown };
}

function readMarker(file: string, recipe: string): string[] {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { recipe: string; built: string[] };
    return m.recipe === recipe ? m.built : [];
  } catch {
    return [];
  }
}

function writeMarker(file: string, recipe: string, built: string[]): void {
  fs.writeFileSync(file, JSON.stringify({ recipe, built }));
}

function folderBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}
