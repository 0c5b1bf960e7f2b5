// Streams a file into an HTTP response, honouring a single byte range so media elements can seek.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor } from './content-type';
import { parseRange } from './range';

/** Sends `file` (whole, or the requested range) with `headers`; false when it is not a readable file. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  const stats = await handle.stat().catch(() => null);
  if (!stats?.isFile()) {
    await handle.close();
    return false;
  }
  const size = stats.size;
  const range = parseRange(req.headers.range, size);
  const base = { ...headers, 'Content-Type': contentTypeFor(file), 'Accept-Ranges': 'bytes' };
  if (range === 'unsatisfiable') {
    await handle.close();
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end();
    return true;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const extra = range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {};
  res.writeHead(range ? 206 : 200, { ...base, ...extra, 'Content-Length': String(length) });
  if (req.method === 'HEAD' || length === 0) {
    await handle.close();
    res.end();
    return true;
  }
  const stream = createReadStream('', { fd: handle, start, end, autoClose: true });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}
