// The bridge's per-run secret: random, compared in constant time, accepted from a header (scripts,
// tests), a cookie (the browser, set from the page URL once) or the query (the first page load only).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SECRET_COOKIE, SECRET_HEADER, SECRET_QUERY } from '../../shared/transport';

/** A fresh 256-bit secret, URL-safe. */
export const createSecret = (): string => randomBytes(32).toString('base64url');

/** True when `given` equals `secret`, in time independent of where they differ. */
export function secretMatches(secret: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Value of one cookie of a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Secret a request carries in its header or cookie (the query is only honoured for the page). */
export function requestSecret(req: IncomingMessage): string | null {
  const header = req.headers[SECRET_HEADER];
  if (typeof header === 'string') return header;
  return readCookie(req.headers.cookie, SECRET_COOKIE);
}

/** Secret in the query string of a URL, or null. */
export const querySecret = (url: URL): string | null => url.searchParams.get(SECRET_QUERY);

/** Set-Cookie value that hands the secret to the page: not readable by scripts, never sent cross-site. */
export const secretCookie = (secret: string): string =>
  `${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
