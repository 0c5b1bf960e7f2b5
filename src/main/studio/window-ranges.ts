// Window ranges for a plan in samples: windows of length L every L − O samples, the last one clipped to the
// video, so every sample of [0, total) is covered and neighbours overlap by O.
import { AppError } from '../../shared/errors';
import type { SampleRange } from '../../shared/time';

/** Windows covering [0, total) for window length L and overlap O (samples); throws on an impossible plan. */
export function windowRanges(total: number, windowSamples: number, overlapSamples: number): SampleRange[] {
  if (!Number.isSafeInteger(total) || total < 1) throw new AppError('empty-media', 'Nothing to score: the video has no length.');
  if (overlapSamples >= windowSamples)
    throw new AppError('invalid-input', `The overlap (${overlapSamples} samples) must be shorter than the window (${windowSamples}).`);
  const stride = windowSamples - overlapSamples;
  const count = total <= windowSamples ? 1 : 1 + Math.ceil((total - windowSamples) / stride);
  if (count > 10000) throw new AppError('invalid-input', `A window of ${windowSamples} samples makes ${count} windows; use a longer one.`);
  const out: SampleRange[] = [];
  for (let i = 0; i < count; i++) out.push({ start: i * stride, end: Math.min(i * stride + windowSamples, total) });
  return out;
}
