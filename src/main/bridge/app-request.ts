// Requests of the renderer inside Electron, under the app's own scheme (vidmuse://app/...): the built
// renderer with its CSP, and /media/<token> for files of the open project. The same paths as the bridge,
// so the renderer's URLs work under both.
import { MEDIA_PATH_PREFIX } from '../../shared/transport';
import { SECURITY_HEADERS } from './csp';
import { fileResponse } from './file-response';
import type { MediaRegistry } from './media-registry';
import { staticFileFor } from './static-files';

/** The app scheme; registered as standard and secure so the page gets a real origin. */
export const APP_SCHEME = 'vidmuse';
/** Host of the app's pages under the scheme. */
export const APP_HOST = 'app';
/** Origin of the renderer inside Electron. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True when a URL is one of the app's own pages (navigation and IPC senders are checked with it). */
export function isAppUrl(url: string): boolean {
  // Not URL.origin: Node's URL gives custom schemes the opaque origin "null".
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What the app scheme serves. */
export interface AppRequestOptions {
  rendererDir: string;
  media: MediaRegistry;
}

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** Answers one request to the app scheme. */
export async function handleAppRequest(request: Request, options: AppRequestOptions): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(400, 'Bad URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
  const wanted = { method: request.method, range: request.headers.get('range') };
  if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
    const file = options.media.resolve(url.pathname.slice(MEDIA_PATH_PREFIX.length));
    const res = file ? await fileResponse(file, wanted, { 'Cache-Control': 'no-cache' }) : null;
    return res ?? text(404, 'No such media in the open project');
  }
  const file = staticFileFor(options.rendererDir, url.pathname);
  const res = file
    ? await fileResponse(file, wanted, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' })
    : null;
  return res ?? text(404, 'Not found');
}
