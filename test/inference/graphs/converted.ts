// Builds graphs from the fixture checkpoints into a temporary folder and runs them, for the graph tests.
import path from 'node:path';
import { readCodecConfig } from '../../../src/inference/convert/codec-config';
import { openLmCheckpoint } from '../../../src/inference/convert/lm-checkpoint';
import { lmConfigFromCheckpoint } from '../../../src/inference/convert/lm-config';
import { readNpy } from '../../../src/inference/convert/npy';
import { openSafetensors } from '../../../src/inference/convert/safetensors';
import type { BuiltGraph, GraphBuildContext } from '../../../src/inference/graphs/context';
import { OrtSession, tensor, type OrtTensor } from '../../../src/inference/runtime/session';
import { FIXTURE, tmpDir } from '../convert/helpers';

/** A build context over the fixture LM (or codec) checkpoint, writing into a new temporary folder. */
export function fixtureContext(
  kind: 'lm' | 'codec',
  weightDType: 'float32' | 'float16' = 'float32',
): GraphBuildContext & { close(): void } {
  const ck = openLmCheckpoint(path.join(FIXTURE, 'lm/state_dict.bin'));
  const cfg = lmConfigFromCheckpoint(ck.xpCfg, ck.weights, 'fixture');
  const codecWeights = openSafetensors(path.join(FIXTURE, 'codec/model.safetensors'));
  return {
    weights: kind === 'lm' ? ck.weights : codecWeights,
    lm: cfg.lm,
    clip: cfg.clip,
    codec: readCodecConfig(path.join(FIXTURE, 'codec')),
    outDir: tmpDir('graphs'),
    weightDType,
    dry: false,
    close: () => {
      ck.close();
      codecWeights.close();
    },
  };
}

/** A fixture tensor as an onnxruntime tensor, optionally reshaped. */
export function fixtureTensor(name: string, shape?: number[]): OrtTensor {
  const a = readNpy(path.join(FIXTURE, 'tensors', `${name}.npy`));
  if (a.dtype === 'int64') return tensor('int64', a.data as BigInt64Array, shape ?? a.shape);
  return tensor('float32', a.data as Float32Array, shape ?? a.shape);
}

/** The values of a fixture tensor. */
export const fixtureValues = (name: string): Float32Array | BigInt64Array =>
  readNpy(path.join(FIXTURE, 'tensors', `${name}.npy`)).data as Float32Array | BigInt64Array;

/** Loads a built graph, runs it once and disposes it. */
export async function runBuilt(
  ctx: GraphBuildContext,
  g: BuiltGraph,
  feeds: Record<string, OrtTensor>,
): Promise<Record<string, OrtTensor>> {
  const s = await OrtSession.load(path.join(ctx.outDir, g.file), { provider: 'cpu' });
  try {
    return await s.run(feeds);
  } finally {
    await s.dispose();
  }
}
