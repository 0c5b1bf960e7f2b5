// Streams a file into a Node HTTP response through the same code that answers Electron's protocol.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileResponse } from './file-response';

/** Sends `file` (whole, or the requested range) with `headers`; false when it is not a readable file. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<boolean> {
  const response = await fileResponse(file, { method: req.method, range: req.headers.range }, headers);
  if (!response) return false;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return true;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  body.on('error', () => res.destroy());
  body.pipe(res);
  return true;
}
