// Builds (or reuses) the random-weight decoder graphs at a given geometry under .cache/, for the benchmark.
import fs from 'node:fs';
import path from 'node:path';
import type { LmConfig } from '../src/inference/bundle/types';
import type { CodecConfig, ClipConfig } from '../src/inference/bundle/types';
import { buildDecoderGraphs } from '../src/inference/graphs/decoder';
import type { DecoderVariant } from '../src/inference/graphs/decoder-names';
import { randomLmWeights } from './random-lm-weights';

/** Graph files of a benchmark decoder. */
export interface DecoderFiles {
  crossKv: string;
  step: Record<DecoderVariant, string>;
  buildSeconds: number | null;
}

const VARIANTS: DecoderVariant[] = ['fp32', 'q8', 'q4'];

/** Returns the graph files in `dir`, building them first when the marker for this geometry is missing. */
export function ensureDecoderGraphs(dir: string, lm: LmConfig, seed = 1): DecoderFiles {
  const marker = path.join(dir, 'decoder.json');
  const key = JSON.stringify({ lm, seed, variants: VARIANTS, format: 2 });
  const files: DecoderFiles = {
    crossKv: path.join(dir, 'decoder_cross_kv.onnx'),
    step: { fp32: path.join(dir, 'decoder_step.onnx'), q8: path.join(dir, 'decoder_step_q8.onnx'), q4: path.join(dir, 'decoder_step_q4.onnx') },
    buildSeconds: null,
  };
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === key) return files;
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  buildDecoderGraphs({
    weights: randomLmWeights(lm, seed), lm, clip: {} as ClipConfig, codec: {} as CodecConfig, outDir: dir,
    weightDType: 'float32', dry: false,
  }, { variants: VARIANTS });
  fs.writeFileSync(marker, key);
  files.buildSeconds = (performance.now() - t0) / 1000;
  return files;
}
