// Content hash of a media file: the key the store relinks moved media by, and (its hex) the key the inference
// host caches CLIP features under, passed along with every window so the host does not hash the video again.
// Choice: sha256 over every byte, streamed. Sampling (size + head/tail) would be faster on huge files but two
// re-encodes or trims of the same clip can share size, head and tail, and a wrong match would reuse the wrong
// features; a full pass reads ≈ 1 GB/s here, so a typical video hashes in about a second, once, as a job.
import { stat } from 'node:fs/promises';
import { AppError } from '../shared/errors';
import type { JobOptions } from '../shared/progress';
import { estimateEta } from '../shared/progress';
import { sha256File } from './sha256';

/** Prefix naming the algorithm, so a future change of scheme never matches old hashes. */
export const MEDIA_HASH_PREFIX = 'sha256:';

/** The hex sha256 inside a media hash (what the inference host keys CLIP features by); null for another scheme. */
export function mediaHashHex(hash: string): string | null {
  return hash.startsWith(MEDIA_HASH_PREFIX) ? hash.slice(MEDIA_HASH_PREFIX.length) : null;
}

/** "sha256:<hex>" of the whole file, streamed; reports bytes as progress and stops on abort. */
export async function hashMediaFile(path: string, opts: JobOptions = {}): Promise<string> {
  let total: number;
  try {
    total = (await stat(path)).size;
  } catch {
    throw new AppError('not-found', `${path} does not exist or cannot be read`);
  }
  const started = Date.now();
  let done = 0;
  let hex: string;
  try {
    hex = await sha256File(path, {
      signal: opts.signal,
      onBytes: (n) => {
        done += n;
        opts.onProgress?.({
          stage: 'probe',
          done,
          total,
          etaSeconds: estimateEta(started, Date.now(), done, total),
          detail: 'hashing',
        });
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unreadable-media', `${path} could not be read to the end (${(e as Error).message})`);
  }
  return MEDIA_HASH_PREFIX + hex;
}
