// Runs graphs of a bundle for the reference checks, one session per graph file and run.
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

/** Runs the bundle's graph of `role` (fp32 variant first) on `feeds` with the run's session of it. */
export async function runGraph(
  ctx: ReferenceContext,
  role: string,
  feeds: Record<string, OrtTensor>,
): Promise<RunOutputs> {
  const entry =
    ctx.manifest.graphs.find((g) => g.role === role && g.variant === 'fp32') ??
    ctx.manifest.graphs.find((g) => g.role === role);
  if (!entry) throw new Error(`bundle has no ${role} graph`);
  const s = await sessionOf(ctx, path.join(ctx.bundleDir, entry.file));
  const out = await s.run(feeds);
  const res: RunOutputs = {};
  for (const [k, v] of Object.entries(out))
    res[k] = { dims: v.dims, data: v.data as Float32Array | BigInt64Array };
  return res;
}

/** The run's session of a graph file on the run's provider, loaded on first use (shader compilation on a GPU provider is paid once). */
export async function sessionOf(ctx: ReferenceContext, file: string): Promise<OrtSession> {
  let s = ctx.sessions.get(file);
  if (!s) {
    s = await OrtSession.load(file, { provider: ctx.provider });
    ctx.sessions.set(file, s);
  }
  return s;
}
