// Media URLs for the renderer. Each file the studio hands out gets an opaque random token, so URLs
// never reveal or accept paths; a token is served only while the studio says its file still belongs
// to the open project.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MEDIA_PATH_PREFIX } from '../../shared/transport';

/** Maps files to media URLs and back. */
export interface MediaRegistry {
  /** URL (relative to the renderer's origin) under which `file` can be fetched. */
  urlFor(file: string): string;
  /** The file behind a token, or null when unknown or no longer part of the open project. */
  resolve(token: string): string | null;
}

/** Options of a media registry. */
export interface MediaRegistryOptions {
  /** Whether a file belongs to the open project right now (asked on every request). */
  allows: (file: string) => boolean;
}

const TOKEN = /^[0-9a-f]{32}$/;

/** Creates a registry whose tokens live as long as the process. */
export function createMediaRegistry(options: MediaRegistryOptions): MediaRegistry {
  const byFile = new Map<string, string>();
  const byToken = new Map<string, string>();
  return {
    urlFor(file) {
      const abs = path.resolve(file);
      let token = byFile.get(abs);
      if (!token) {
        token = randomBytes(16).toString('hex');
        byFile.set(abs, token);
        byToken.set(token, abs);
      }
      return `${MEDIA_PATH_PREFIX}${token}`;
    },
    resolve(token) {
      if (!TOKEN.test(token)) return null;
      const file = byToken.get(token);
      return file !== undefined && options.allows(file) ? file : null;
    },
  };
}
