// The seams benchmark's bundle: the tiny decoder (its speed is not what is measured) with EnCodec 32 kHz at its
// released size (4 codebooks of 2048 entries, 50 Hz frames, seeded random weights), so every codec decode
// costs what it costs with the real model. Converted once into the benchmark cache folder.
import fs from 'node:fs';
import path from 'node:path';
import { convertBundle } from '../src/inference/convert/convert';
import { writeSyntheticCodec, writeSyntheticLm } from '../scripts/lib/synthetic-checkpoint';
import type { SyntheticCodec } from '../scripts/lib/synthetic-keys';
import { TINY_LM, TINY_SEED } from '../scripts/make-tiny-bundle';
import { MANIFEST_DIR } from '../test/fixtures/paths';

/** encodec_32khz's geometry, from the reference fixture's config.json. */
function realCodec(): SyntheticCodec {
  const file = path.join(MANIFEST_DIR, 'encodec_32khz_hf.json');
  const c = (JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> }).config;
  const n = (k: string) => c[k] as number;
  return {
    hidden_size: n('hidden_size'),
    num_filters: n('num_filters'),
    codebook_size: n('codebook_size'),
    codebook_dim: n('codebook_dim'),
    upsampling_ratios: c['upsampling_ratios'] as number[],
    num_lstm_layers: n('num_lstm_layers'),
    kernel_size: n('kernel_size'),
    last_kernel_size: n('last_kernel_size'),
    residual_kernel_size: n('residual_kernel_size'),
    compress: n('compress'),
    num_quantizers: 4,
    audio_channels: n('audio_channels'),
  };
}

/** The bundle folder under `cacheDir` (built on first use). */
export async function seamsBundle(cacheDir: string): Promise<string> {
  const out = path.join(cacheDir, 'bundle-tiny-lm-real-codec');
  if (fs.existsSync(path.join(out, 'model.json'))) return out;
  const src = path.join(cacheDir, 'checkpoint');
  const codec = realCodec();
  fs.mkdirSync(src, { recursive: true });
  // 2.2 kbps: 4 codebooks of 11 bits at 50 Hz, the released model's bandwidth.
  writeSyntheticLm(path.join(src, 'state_dict.bin'), { ...TINY_LM, card: codec.codebook_size }, TINY_SEED);
  writeSyntheticCodec(path.join(src, 'codec'), codec, TINY_SEED + 1, 2.2);
  fs.rmSync(out, { recursive: true, force: true });
  await convertBundle({
    lmCheckpoint: path.join(src, 'state_dict.bin'),
    codecDir: path.join(src, 'codec'),
    outDir: out,
    id: 'bench-real-codec',
    name: 'Benchmark: tiny decoder, EnCodec 32 kHz at its released size (random weights)',
    trained: false,
    decoderVariants: ['fp32'],
    skipGate: true,
    source: 'seeded random weights (bench/seams-bundle.ts)',
  });
  fs.rmSync(src, { recursive: true, force: true });
  return out;
}
