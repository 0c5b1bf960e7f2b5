// The visual_encoder stage: CLIP last_hidden_state of frames, in batches so memory stays bounded and
// progress and cancellation happen between batches.
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { estimateEta } from '../../shared/progress';
import type { FeatureTensor } from '../cache/feature-file';
import type { Frames } from '../frames/frame-spec';
import { sliceFrames } from '../frames/frame-spec';
import { normalizeFrames } from '../frames/normalize';
import type { OrtSession } from '../runtime/session';
import { tensor } from '../runtime/session';

/** Frames per visual_encoder call. */
export const ENCODE_BATCH = 16;

/** CLIP hidden states [count, tokens, hidden] of uint8 frames, normalised with mean/std. */
export async function encodeFrames(
  session: OrtSession,
  frames: Frames,
  norm: { mean: readonly number[]; std: readonly number[] },
  opts: JobOptions = {},
): Promise<FeatureTensor> {
  const { width: w, height: h } = frames.spec;
  const parts: Float32Array[] = [];
  let dims: number[] = [];
  const started = Date.now();
  for (let at = 0; at < frames.count; at += ENCODE_BATCH) {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
    const batch = sliceFrames(frames, at, Math.min(frames.count, at + ENCODE_BATCH));
    const pixels = normalizeFrames(batch, norm.mean, norm.std);
    const out = await session.run({ pixel_values: tensor('float32', pixels, [batch.count, 3, h, w]) }, [
      'last_hidden_state',
    ]);
    const hidden = out.last_hidden_state!;
    dims = hidden.dims.slice(1) as number[];
    parts.push(hidden.data as Float32Array);
    const done = at + batch.count;
    opts.onProgress?.({
      stage: 'features',
      done,
      total: frames.count,
      etaSeconds: estimateEta(started, Date.now(), done, frames.count),
    });
  }
  const data = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((off, p) => (data.set(p, off), off + p.length), 0);
  return { dims: [frames.count, ...dims], data };
}

/** Rows of a [N, ...] tensor picked by index (indices may repeat). */
export function gatherRows(t: FeatureTensor, indices: readonly number[]): Float32Array {
  const row = t.data.length / t.dims[0]!;
  const out = new Float32Array(indices.length * row);
  indices.forEach((idx, i) => {
    if (idx < 0 || idx >= t.dims[0]!) throw new RangeError(`feature row ${idx} outside 0..${t.dims[0]! - 1}`);
    out.set(t.data.subarray(idx * row, (idx + 1) * row), i * row);
  });
  return out;
}
