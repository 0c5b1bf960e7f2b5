// A file (or one byte range of it) as a fetch Response, for Electron's protocol handler, which answers
// requests with web Responses: media elements seek with Range requests there too.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentTypeFor } from './content-type';
import { parseRange } from './range';

/** The parts of a request that decide what is sent. */
export interface FileRequest {
  method: string | undefined;
  range: string | null | undefined;
}

/** Response with the file or the requested range; null when `file` is not a readable regular file. */
export async function fileResponse(
  file: string,
  request: FileRequest,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  const stats = await handle.stat().catch(() => null);
  if (!stats?.isFile()) {
    await handle.close();
    return null;
  }
  const size = stats.size;
  const range = parseRange(request.range, size);
  const base = { ...headers, 'Content-Type': contentTypeFor(file), 'Accept-Ranges': 'bytes' };
  if (range === 'unsatisfiable') {
    await handle.close();
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const extra: Record<string, string> = range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {};
  const init = {
    status: range ? 206 : 200,
    headers: { ...base, ...extra, 'Content-Length': String(length) },
  };
  if (request.method === 'HEAD' || length === 0) {
    await handle.close();
    return new Response(null, init);
  }
  const stream = createReadStream('', { fd: handle, start, end, autoClose: true });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, init);
}
