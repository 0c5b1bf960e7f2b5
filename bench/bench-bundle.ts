// The benchmark bundle: every graph of the app at the small geometry (CLIP ViT-B/32 @ 224, LSTV 768, decoder
// 1024 × 24 layers × card 2048 in fp32/q8/q4, EnCodec 32 kHz) with random weights, cached under .cache/.
import fs from 'node:fs';
import path from 'node:path';
import type { ClipConfig } from '../src/inference/bundle/types';
import { codecConfigFromJson } from '../src/inference/convert/codec-config';
import { buildClipGraph } from '../src/inference/graphs/clip';
import { buildCodecDecoderGraph } from '../src/inference/graphs/codec';
import type { GraphBuildContext } from '../src/inference/graphs/context';
import { buildDecoderGraphs } from '../src/inference/graphs/decoder';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import { buildLstvGraph } from '../src/inference/graphs/lstv';
import { SMALL_LM } from './random-lm-weights';
import { randomManifestWeights } from './random-manifest-weights';
import { MANIFEST_DIR } from '../test/fixtures/paths';

const MANIFESTS = MANIFEST_DIR;

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

/** Graph files of the benchmark bundle. */
export interface BenchFiles {
  clip: string;
  lstv: string;
  codec: string;
  crossKv: string;
  step: Record<DecoderVariant, string>;
  /** Seconds spent building now (null when reused). */
  buildSeconds: number | null;
}

const VARIANTS: DecoderVariant[] = ['fp32', 'q8', 'q4'];

/** Builds the bundle into `dir` unless a marker for the same recipe is there. */
export function ensureBenchBundle(dir: string, seed = 1): BenchFiles {
  const codec = codecConfigFromJson(
    (
      JSON.parse(fs.readFileSync(path.join(MANIFESTS, 'encodec_32khz_hf.json'), 'utf8')) as {
        config: unknown;
      }
    ).config,
    'encodec_32khz',
  );
  const files: BenchFiles = {
    clip: path.join(dir, 'visual_encoder.onnx'),
    lstv: path.join(dir, 'lstv.onnx'),
    codec: path.join(dir, 'codec_decoder.onnx'),
    crossKv: path.join(dir, 'decoder_cross_kv.onnx'),
    step: {
      fp32: path.join(dir, 'decoder_step.onnx'),
      q8: path.join(dir, 'decoder_step_q8.onnx'),
      q4: path.join(dir, 'decoder_step_q4.onnx'),
    },
    buildSeconds: null,
  };
  const marker = path.join(dir, 'bench-bundle.json');
  const key = JSON.stringify({ lm: SMALL_LM, clip: VIT_B32, codec, seed, variants: VARIANTS, format: 2 });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === key) return files;
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const base: GraphBuildContext = {
    weights: randomManifestWeights(path.join(MANIFESTS, 'vidmuse_lm_small_state_dict.json'), seed),
    lm: SMALL_LM,
    clip: VIT_B32,
    codec,
    outDir: dir,
    weightDType: 'float32',
    dry: false,
  };
  buildClipGraph(base);
  buildLstvGraph(base);
  buildDecoderGraphs(base, { variants: VARIANTS });
  buildCodecDecoderGraph({
    ...base,
    weights: randomManifestWeights(path.join(MANIFESTS, 'encodec_32khz_hf.json'), seed + 1),
  });
  fs.writeFileSync(marker, key);
  files.buildSeconds = (performance.now() - t0) / 1000;
  return files;
}
