// The lstv stage for one window: the cross-attention memory of the CFG batch, row 0 conditioned on the
// window's own frames plus the video's global frames, row 1 on all-black frames (the null condition).
import { AppError } from '../../shared/errors';
import type { FeatureTensor } from '../cache/feature-file';
import type { VideoMemory } from '../generation/generate';
import type { OrtSession } from '../runtime/session';
import { tensor } from '../runtime/session';
import { gatherRows } from './encode-frames';

/** video_emb [2, T·tokens, dim] for the local frames `local` of `features` and the global frames' features. */
export async function videoMemory(
  engine: { lstv: OrtSession },
  features: FeatureTensor,
  nullFrame: FeatureTensor,
  local: readonly number[],
  global: FeatureTensor,
): Promise<VideoMemory> {
  const G = global.dims[0]!;
  if (local.length === 0 || G === 0)
    throw new AppError('internal', 'a window needs at least one local and one global frame');
  const [, tokens, hidden] = features.dims as [number, number, number];
  const batch = (cond: Float32Array, count: number): Float32Array => {
    const out = new Float32Array(2 * cond.length);
    out.set(cond, 0);
    out.set(gatherRows(nullFrame, new Array<number>(count).fill(0)), cond.length);
    return out;
  };
  const localData = batch(gatherRows(features, local), local.length);
  const globalData = batch(global.data, G);
  const out = await engine.lstv.run(
    {
      local_hidden: tensor('float32', localData, [2, local.length, tokens, hidden]),
      global_hidden: tensor('float32', globalData, [2, G, tokens, hidden]),
    },
    ['video_emb'],
  );
  return { data: out.video_emb!.data as Float32Array, rows: 2 };
}
