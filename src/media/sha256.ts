// The one streaming sha256 of the app: media content hashes, the feature cache's video key and the bundle
// files' checks all read through it, so a (possibly multi-GB) file is never held in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../shared/errors';
import type { AbortSignalLike } from '../shared/progress';

/** Options of sha256File. */
export interface Sha256Options {
  signal?: AbortSignalLike;
  /** Called with the length of each chunk read (byte progress). */
  onBytes?: (n: number) => void;
}

const CHUNK = 1 << 20;

/**
 * Hex sha256 of a file's bytes, streamed in 1 MiB chunks. Abort stops reading with AppError('cancelled');
 * a read error is rethrown as Node gave it (with its errno code), for the caller to word.
 */
export async function sha256File(path: string, opts: Sha256Options = {}): Promise<string> {
  const h = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) break;
      h.update(chunk as Buffer);
      opts.onBytes?.((chunk as Buffer).length);
    }
  } finally {
    stream.destroy();
  }
  if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
  return h.digest('hex');
}
