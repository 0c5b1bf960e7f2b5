// Conversion speed on a synthetic checkpoint of ≥ 1 GB in the released formats (torch-zip LM export with the
// full CLIP ViT-B/32 tower and an 8-layer dim-1024 decoder, or with --medium the released medium decoder:
// 48 layers of dim 1536, 7.9 GB; plus a full-size encodec_32khz codec), precision gate included (its time
// apart). The conversion runs in a child process so its peak RSS is measured alone. Last line: JSON figures.
// Usage: npx tsx bench/convert.ts [--fp16] [--medium] [--keep <dir>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertBundle } from '../src/inference/convert/convert';
import { writeSyntheticCodec, writeSyntheticLm } from '../scripts/lib/synthetic-checkpoint';
import type { SyntheticCodec, SyntheticLm } from '../scripts/lib/synthetic-keys';

const LM: SyntheticLm = {
  dim: 1024,
  numHeads: 16,
  numLayers: 8,
  hiddenScale: 4,
  card: 2048,
  nQ: 4,
  temporalDim: 768,
  lstvDepth: 2,
  lstvDimHead: 64,
  t5Dim: 768,
  clip: {
    hidden: 768,
    intermediate: 3072,
    layers: 12,
    heads: 12,
    imageSize: 224,
    patch: 32,
    projection: 512,
  },
};
const CODEC: SyntheticCodec = {
  hidden_size: 128,
  num_filters: 64,
  codebook_size: 2048,
  codebook_dim: 128,
  upsampling_ratios: [8, 5, 4, 4],
  num_lstm_layers: 2,
  kernel_size: 7,
  last_kernel_size: 7,
  residual_kernel_size: 3,
  compress: 2,
  num_quantizers: 4,
  audio_channels: 1,
};

/** The medium geometry of the released model (the manifest in the reference fixtures). */
const MEDIUM: SyntheticLm = { ...LM, dim: 1536, numHeads: 24, numLayers: 48 };

async function child(lm: string, codec: string, out: string, fp16: boolean): Promise<void> {
  const t0 = performance.now();
  let gateStart = 0;
  const m = await convertBundle({
    lmCheckpoint: lm,
    codecDir: codec,
    outDir: out,
    fp16,
    trained: false,
    onProgress: (p) => {
      if (p.stage === 'gate' && !gateStart) gateStart = performance.now();
    },
  });
  const end = performance.now();
  process.stdout.write(
    `${JSON.stringify({ seconds: (end - t0) / 1000, gateSeconds: (end - gateStart) / 1000, precision: m.precision?.measured, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

async function main(): Promise<void> {
  const fp16 = process.argv.includes('--fp16');
  const keepAt = process.argv.indexOf('--keep');
  const work =
    keepAt > 0 ? process.argv[keepAt + 1] : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-convert-'));
  fs.mkdirSync(work, { recursive: true });
  const lm = path.join(work, 'state_dict.bin');
  const codec = path.join(work, 'codec');
  try {
    let t = performance.now();
    const medium = process.argv.includes('--medium');
    if (!fs.existsSync(lm)) writeSyntheticLm(lm, medium ? MEDIUM : LM, 1, { zip64: medium });
    if (!fs.existsSync(path.join(codec, 'model.safetensors'))) writeSyntheticCodec(codec, CODEC, 2, 2.2);
    const writeSeconds = (performance.now() - t) / 1000;
    const out = path.join(work, `bundle-${Date.now()}`);
    const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
    t = performance.now();
    const res = execFileSync(tsx, [process.argv[1], '--child', lm, codec, out, fp16 ? '1' : '0'], {
      encoding: 'utf8',
    });
    const wall = (performance.now() - t) / 1000;
    const r = JSON.parse(res.trim().split('\n').pop()!) as {
      seconds: number;
      gateSeconds: number;
      precision: unknown;
      maxRssBytes: number;
    };
    const inputBytes = fs.statSync(lm).size + fs.statSync(path.join(codec, 'model.safetensors')).size;
    const bundleBytes = fs.readdirSync(out).reduce((s, f) => s + fs.statSync(path.join(out, f)).size, 0);
    fs.rmSync(out, { recursive: true, force: true });
    const figures = {
      bench: 'convert',
      fp16,
      inputBytes,
      bundleBytes,
      convertSeconds: +r.seconds.toFixed(2),
      gateSeconds: +r.gateSeconds.toFixed(2),
      precision: r.precision,
      processWallSeconds: +wall.toFixed(2),
      inputMBperSecond: +(inputBytes / 1e6 / r.seconds).toFixed(1),
      peakRssMB: Math.round(r.maxRssBytes / 1e6),
      syntheticWriteSeconds: +writeSeconds.toFixed(2),
      cpus: os.cpus().length,
    };
    process.stdout.write(
      `input ${(inputBytes / 1e9).toFixed(2)} GB → bundle ${(bundleBytes / 1e9).toFixed(2)} GB in ${figures.convertSeconds} s (${figures.inputMBperSecond} MB/s; gate ${figures.gateSeconds} s), peak RSS ${figures.peakRssMB} MB\n`,
    );
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    if (keepAt < 0) fs.rmSync(work, { recursive: true, force: true });
  }
}

const a = process.argv;
if (a[2] === '--child') await child(a[3], a[4], a[5], a[6] === '1');
else await main();
