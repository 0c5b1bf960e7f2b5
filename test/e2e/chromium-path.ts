// Which Chromium the browser tests drive: $VIDMUSE_CHROMIUM, else the first system build found.
import { existsSync } from 'node:fs';

/** Where distributions install Chromium (Debian, Ubuntu, Fedora) or Chrome. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/** The Chromium executable, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const env = process.env.VIDMUSE_CHROMIUM;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}
