// Content hash of a media file, the key the store relinks moved media by and caches CLIP features under.
// Choice: sha256 over every byte, streamed. Sampling (size + head/tail) would be faster on huge files but two
// re-encodes or trims of the same clip can share size, head and tail, and a wrong match would reuse the wrong
// features; a full pass reads ≈ 1 GB/s here, so a typical video hashes in about a second, once, as a job.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../shared/errors';
import type { JobOptions } from '../shared/progress';
import { estimateEta } from '../shared/progress';

/** Prefix naming the algorithm, so a future change of scheme never matches old hashes. */
export const MEDIA_HASH_PREFIX = 'sha256:';

/** "sha256:<hex>" of the whole file, streamed; reports bytes as progress and stops on abort. */
export async function hashMediaFile(path: string, opts: JobOptions = {}): Promise<string> {
  let total: number;
  try {
    total = (await stat(path)).size;
  } catch {
    throw new AppError('not-found', `${path} does not exist or cannot be read`);
  }
  const hash = createHash('sha256');
  const started = Date.now();
  let done = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) break;
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      opts.onProgress?.({
        stage: 'probe',
        done,
        total,
        etaSeconds: estimateEta(started, Date.now(), done, total),
        detail: 'hashing',
      });
    }
  } catch (e) {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
    throw new AppError('unreadable-media', `${path} could not be read to the end (${(e as Error).message})`);
  }
  if (opts.signal?.aborted) {
    stream.destroy();
    throw new AppError('cancelled', 'Cancelled');
  }
  return MEDIA_HASH_PREFIX + hash.digest('hex');
}
