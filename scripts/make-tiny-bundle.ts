// Makes resources/models/tiny-untrained: seeded random weights written in the released formats (torch-zip
// state_dict.bin with xp.cfg, HF codec config.json + model.safetensors), converted by our converter.
// Deterministic: the same seed gives byte-identical files. Usage: npm run make:tiny-bundle [-- <out-dir>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertBundle } from '../src/inference/convert/convert';
import { writeSyntheticCodec, writeSyntheticLm } from './lib/synthetic-checkpoint';
import type { SyntheticCodec, SyntheticLm } from './lib/synthetic-keys';

/** Seed of the tiny bundle's weights. */
export const TINY_SEED = 20240604;

/** LM geometry: the fixture's tiny sizes, with card 1024 so the default top-k 250 fits and codes match the codec. */
export const TINY_LM: SyntheticLm = {
  dim: 64,
  numHeads: 4,
  numLayers: 2,
  hiddenScale: 4,
  card: 1024,
  nQ: 4,
  temporalDim: 48,
  lstvDepth: 2,
  lstvDimHead: 64,
  t5Dim: 768,
  clip: { hidden: 48, intermediate: 192, layers: 2, heads: 4, imageSize: 32, patch: 16, projection: 32 },
};

/** Codec geometry: encodec_32khz's structure (50 Hz, 4 codebooks) at a tiny width, 1024-entry codebooks. */
export const TINY_CODEC: SyntheticCodec = {
  hidden_size: 16,
  num_filters: 4,
  codebook_size: 1024,
  codebook_dim: 16,
  upsampling_ratios: [8, 5, 4, 4],
  num_lstm_layers: 2,
  kernel_size: 7,
  last_kernel_size: 7,
  residual_kernel_size: 3,
  compress: 2,
  num_quantizers: 4,
  audio_channels: 1,
};

/** Writes the tiny checkpoint files into `srcDir` and converts them into `outDir` (replaced if present). */
export async function makeTinyBundle(outDir: string, srcDir: string): Promise<void> {
  writeSyntheticLm(path.join(srcDir, 'state_dict.bin'), TINY_LM, TINY_SEED);
  writeSyntheticCodec(path.join(srcDir, 'codec'), TINY_CODEC, TINY_SEED + 1, 2.0);
  const staging = `${outDir}.new`;
  fs.rmSync(staging, { recursive: true, force: true });
  await convertBundle({
    lmCheckpoint: path.join(srcDir, 'state_dict.bin'),
    codecDir: path.join(srcDir, 'codec'),
    outDir: staging,
    id: 'tiny-untrained',
    name: 'Tiny untrained model (for tests; output is noise)',
    trained: false,
    // The shipped test bundle keeps the three variants its tests pin (the converter's default adds q8-kv8, fp16).
    decoderVariants: ['fp32', 'q8', 'q4'],
    source: `seeded random weights (scripts/make-tiny-bundle.ts, seed ${TINY_SEED})`,
  });
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'resources/models/tiny-untrained');
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-ckpt-'));
  try {
    await makeTinyBundle(out, src);
    const files = fs.readdirSync(out);
    const bytes = files.reduce((s, f) => s + fs.statSync(path.join(out, f)).size, 0);
    process.stdout.write(`wrote ${out}: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB\n`);
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
}

if (process.argv[1] && /make-tiny-bundle\.[cm]?[tj]s$/.test(process.argv[1])) await main();
