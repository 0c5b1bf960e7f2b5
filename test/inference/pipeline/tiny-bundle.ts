// A tiny model bundle converted from the reference fixture (random weights, 32×32 CLIP, 64-dim decoder),
// made once per test file in a temporary folder: real graphs, real onnxruntime, seconds to run.
import { join } from 'node:path';
import { convertBundle } from '../../../src/inference/convert/convert';
import { tempDir } from '../frames/media';
import { REFERENCE_DIR } from '../../fixtures/paths';

const FIXTURE = REFERENCE_DIR;

/** Converts the fixture checkpoint into a fresh bundle folder and returns its path. */
export async function makeTinyBundle(): Promise<string> {
  const outDir = join(tempDir('bundle'), 'tiny');
  await convertBundle({
    lmCheckpoint: `${FIXTURE}/lm/state_dict.bin`,
    codecDir: `${FIXTURE}/codec`,
    outDir,
    id: 'tiny-test',
    trained: false,
    decoderVariants: ['fp32'],
  });
  return outDir;
}

/** Sampling parameters used by the tests (sampling on, fixed seed). */
export const TEST_PARAMS = { seed: 7, temperature: 1, topK: 50, topP: 0, cfgCoef: 3 };
