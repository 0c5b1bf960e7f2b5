// The loopback bridge: the renderer and the API over HTTP/WebSocket on 127.0.0.1, for browsers
// (tests, `npm run web`). Every request must carry the per-run secret; the page URL carries it once and
// trades it for an HttpOnly, SameSite=Strict cookie that the page's own requests then send.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiHandlers } from '../../shared/api';
import { MEDIA_PATH_PREFIX, SECRET_QUERY } from '../../shared/transport';
import { handleApiRequest, sendError } from './api-route';
import { SECURITY_HEADERS } from './csp';
import { createEventsSocket } from './events-socket';
import type { MediaRegistry } from './media-registry';
import { createSecret, querySecret, requestSecret, secretCookie, secretMatches } from './secret';
import { sendFile } from './send-file';
import { staticFileFor } from './static-files';
import type { ApiEventSource } from './types';

/** What the bridge serves. */
export interface BridgeOptions {
  handlers: ApiHandlers;
  events: ApiEventSource;
  /** The built renderer (dist/renderer); null serves the API only. */
  staticDir: string | null;
  /** Files the page may fetch under /media/. */
  media: MediaRegistry;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random secret. */
  secret?: string;
  /** Runs when the last page's event socket has gone (the browser tab closed): the studio closes its projects. */
  onClientsGone?: () => void;
}

/** A running bridge. */
export interface Bridge {
  /** Origin, e.g. http://127.0.0.1:41234 (requests to it need the secret). */
  origin: string;
  /** The page URL with the secret, to open in a browser. */
  pageUrl: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts the bridge on 127.0.0.1 and resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const secret = options.secret ?? createSecret();
  if (secret.length < 16) throw new Error('The bridge secret must be at least 16 characters');
  const events = createEventsSocket(options.events, options.onClientsGone);
  const server = createServer();
  const state = { port: 0 };
  server.on('request', (req, res) => {
    route(options, secret, state.port, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: String(e) });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req, state.port);
    if (
      !url ||
      url.pathname !== '/events' ||
      !sameOrigin(req, state.port) ||
      !secretMatches(secret, requestSecret(req))
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    events.accept(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  state.port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${state.port}`;
  return {
    origin,
    pageUrl: `${origin}/?${SECRET_QUERY}=${encodeURIComponent(secret)}`,
    port: state.port,
    secret,
    close: async () => {
      await events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request's URL when its Host header names this bridge (refuses DNS-rebinding hosts). */
function requestUrl(req: IncomingMessage, port: number): URL | null {
  const host = req.headers.host;
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) return null;
  try {
    return new URL(req.url ?? '/', `http://${host}`);
  } catch {
    return null;
  }
}

/** False when a browser says the request comes from another origin. */
function sameOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
}

async function route(
  options: BridgeOptions,
  secret: string,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = requestUrl(req, port);
  if (!url) return sendError(res, 421, { code: 'invalid-input', message: 'Unknown host' });
  if (!sameOrigin(req, port))
    return sendError(res, 403, { code: 'invalid-input', message: 'Cross-origin request' });
  const fromQuery = querySecret(url);
  if (fromQuery !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
    if (!secretMatches(secret, fromQuery)) return unauthorized(res);
    url.searchParams.delete(SECRET_QUERY);
    res.writeHead(303, { Location: url.pathname + url.search, 'Set-Cookie': secretCookie(secret) }).end();
    return;
  }
  if (!secretMatches(secret, requestSecret(req))) return unauthorized(res);
  if (url.pathname.startsWith('/api/'))
    return handleApiRequest(options.handlers, decodeURIComponent(url.pathname.slice(5)), req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendError(res, 405, { code: 'invalid-input', message: 'Method not allowed' });
  if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
    const file = options.media.resolve(url.pathname.slice(MEDIA_PATH_PREFIX.length));
    if (file && (await sendFile(req, res, file, { 'Cache-Control': 'no-cache' }))) return;
    return sendError(res, 404, { code: 'not-found', message: 'No such media in the open project' });
  }
  if (url.pathname === '/events')
    return sendError(res, 426, { code: 'invalid-input', message: 'Use a WebSocket' });
  const file = options.staticDir ? staticFileFor(options.staticDir, url.pathname) : null;
  if (file && (await sendFile(req, res, file, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' }))) return;
  sendError(res, 404, { code: 'not-found', message: 'Not found' });
}

const unauthorized = (res: ServerResponse): void =>
  sendError(res, 401, { code: 'invalid-input', message: 'Missing or wrong bridge secret' });
