// Streams a file into a Node HTTP response through the same code that answers Electron's protocol.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
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
  // pipeline, not pipe: when the client aborts (media elements drop range requests all the time) the
  // file stream is destroyed and its handle closed at once rather than on garbage collection.
  pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res, () => undefined);
  return true;
}
