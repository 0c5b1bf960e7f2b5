// The fixture's tiny decoder (64-dim, 2 layers, card 64) built from its checkpoint into a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LmConfig } from '../../../src/inference/bundle/types';
import { lmConfigFromCheckpoint } from '../../../src/inference/convert/lm-config';
import { TorchCheckpoint, tensorsOf } from '../../../src/inference/convert/torch-checkpoint';
import { MapWeightSource } from '../../../src/inference/convert/weights';
import { buildDecoderGraphs } from '../../../src/inference/graphs/decoder';
import { crossKvStorageOf, type DecoderVariant } from '../../../src/inference/graphs/decoder-names';
import { DecoderModel } from '../../../src/inference/generation/decoder-model';
import type { RuntimeOptions } from '../../../src/inference/runtime/session';
import { npyToF32, readNpy } from '../../../src/inference/convert/npy';
import { REFERENCE_DIR } from '../../fixtures/paths';

/** The reference fixture folder. */
export const FIXTURE = REFERENCE_DIR;

/** Reads a fixture tensor by file stem. */
export const fixtureTensor = (name: string): ReturnType<typeof readNpy> =>
  readNpy(path.join(FIXTURE, 'tensors', `${name}.npy`));

type ClipOf = ReturnType<typeof lmConfigFromCheckpoint>['clip'];

/** The checkpoint as a WeightSource, with its geometry; close() releases the archive. */
export function tinyWeights(): { weights: MapWeightSource; lm: LmConfig; clip: ClipOf; close: () => void } {
  const ck = new TorchCheckpoint(path.join(FIXTURE, 'lm', 'state_dict.bin'));
  const root = ck.root as Map<string, unknown>;
  const weights = new MapWeightSource(tensorsOf(root.get('best_state'), 'best_state'));
  const cfg = lmConfigFromCheckpoint(root.get('xp.cfg') as string, weights, 'fixture');
  return { weights, lm: cfg.lm, clip: cfg.clip, close: () => ck.close() };
}

/** Builds the decoder graphs of the fixture in a fresh temporary folder. */
export function buildTinyDecoder(variants: DecoderVariant[] = ['fp32']): { dir: string; lm: LmConfig } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-decoder-'));
  const { weights, lm, clip, close } = tinyWeights();
  try {
    buildDecoderGraphs(
      { weights, lm, clip, codec: {} as never, outDir: dir, weightDType: 'float32', dry: false },
      { variants },
    );
  } finally {
    close();
  }
  return { dir, lm };
}

/** Loads a built tiny decoder. */
export function loadTinyDecoder(
  dir: string,
  lm: LmConfig,
  variant: DecoderVariant = 'fp32',
  rt: RuntimeOptions = { provider: 'cpu' },
): Promise<DecoderModel> {
  const step = variant === 'fp32' ? 'decoder_step.onnx' : `decoder_step_${variant}.onnx`;
  const kv = crossKvStorageOf(variant);
  const cross = kv === 'fp32' ? 'decoder_cross_kv.onnx' : `decoder_cross_kv_${kv}.onnx`;
  return DecoderModel.loadFiles(lm, path.join(dir, cross), path.join(dir, step), variant, rt);
}

/** The fixture's CFG video memory [2B, M, dim] (cond rows, then null rows). */
export function cfgMemory(): { data: Float32Array; rows: number } {
  const a = fixtureTensor('gen_cfg_video_emb');
  return { data: npyToF32(a), rows: a.shape[0] };
}
