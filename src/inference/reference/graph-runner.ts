// Runs one graph of a bundle once (load, run, dispose) for the reference checks.
import path from 'node:path';
import { OrtSession, tensor, type OrtTensor } from '../runtime/session';
import type { NpyArray } from '../convert/npy';
import type { ReferenceContext } from './check';

/** Output arrays of one run, by name. */
export type RunOutputs = Record<string, { dims: readonly number[]; data: Float32Array | BigInt64Array }>;

/** An npy array as an onnxruntime tensor (float32 / int64 only), optionally reshaped. */
export function feed(a: NpyArray, shape?: readonly number[]): OrtTensor {
  if (a.dtype === 'int64') return tensor('int64', a.data as BigInt64Array, shape ?? a.shape);
  if (a.dtype !== 'float32') throw new Error(`cannot feed ${a.dtype} tensors`);
  return tensor('float32', a.data as Float32Array, shape ?? a.shape);
}

/** Loads the bundle's graph of `role` (fp32 variant first), runs it on `feeds`, disposes it. */
export async function runGraph(
  ctx: ReferenceContext,
  role: string,
  feeds: Record<string, OrtTensor>,
): Promise<RunOutputs> {
  const entry =
    ctx.manifest.graphs.find((g) => g.role === role && g.variant === 'fp32') ??
    ctx.manifest.graphs.find((g) => g.role === role);
  if (!entry) throw new Error(`bundle has no ${role} graph`);
  const s = await OrtSession.load(path.join(ctx.bundleDir, entry.file), { provider: 'cpu' });
  try {
    const out = await s.run(feeds);
    const res: RunOutputs = {};
    for (const [k, v] of Object.entries(out))
      res[k] = { dims: v.dims, data: v.data as Float32Array | BigInt64Array };
    return res;
  } finally {
    await s.dispose();
  }
}
