// Streaming sha256 of (possibly multi-GB) bundle files, with byte progress and cancellation.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import type { AbortSignalLike } from '../../shared/progress';

const CHUNK = 8 << 20;

/** Hex sha256 of a file read in 8 MiB chunks; `onBytes` gets each chunk's length. */
export async function sha256File(
  file: string,
  onBytes?: (n: number) => void,
  signal?: AbortSignalLike,
): Promise<string> {
  const h = createHash('sha256');
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      if (signal?.aborted) throw new AppError('cancelled', 'Cancelled');
      const { bytesRead } = await fd.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      onBytes?.(bytesRead);
    }
  } finally {
    await fd.close();
  }
  return h.digest('hex');
}
