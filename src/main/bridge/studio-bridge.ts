// The studio service behind the loopback bridge, wired as Electron main wires it behind IPC: one media
// registry that the studio's URLs come from and whose tokens only serve the open project's files.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { InferenceProvider } from '../../shared/domain';
import { createStudio } from '../service';
import type { BundleConverter, CodeDecoder, Studio, WindowGenerator } from '../service';
import { createMediaRegistry } from './media-registry';
import { startBridge } from './server';

/** Options of a studio served over the bridge. */
export interface StudioBridgeOptions {
  libraryDir: string;
  bundleDirs: string[];
  /** The built renderer, or null for the API alone. */
  staticDir: string | null;
  port?: number;
  secret?: string;
  generator?: WindowGenerator;
  /** Decodes the joined codes of continuous takes (absent: every seam crossfades). */
  decoder?: CodeDecoder;
  /** Converts checkpoints (in the inference host); absent, conversion fails with a clear error. */
  converter?: BundleConverter;
  /** Reports the inference host's execution provider (absent: the editor shows no engine). */
  provider?: () => Promise<InferenceProvider>;
  version?: string;
}

/** A running studio and bridge. */
export interface StudioBridge {
  /** Page URL with the secret: open it in a browser. */
  url: string;
  origin: string;
  secret: string;
  port: number;
  studio: Studio;
  /** Stops the bridge, then disposes the studio (jobs end, locks are released, the database closes). */
  close(): Promise<void>;
}

/** Starts a studio on `libraryDir` and serves it on 127.0.0.1. */
export async function startStudioBridge(options: StudioBridgeOptions): Promise<StudioBridge> {
  mkdirSync(options.libraryDir, { recursive: true });
  let studio: Studio | null = null;
  const media = createMediaRegistry({ allows: (file) => studio?.isAllowedFile(file) ?? false });
  const created = createStudio({
    libraryDir: options.libraryDir,
    bundleDirs: options.bundleDirs,
    mediaUrl: media.urlFor,
    mode: 'web',
    ...(options.version ? { version: options.version } : {}),
    ...(options.generator ? { generator: options.generator } : {}),
    ...(options.decoder ? { decoder: options.decoder } : {}),
    ...(options.converter ? { converter: options.converter } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
  });
  studio = created;
  const bridge = await startBridge({
    handlers: created,
    events: created,
    staticDir: options.staticDir,
    media,
    onClientsGone: () => created.closeAll(),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  }).catch(async (e: unknown) => {
    await created.dispose();
    throw e;
  });
  return {
    url: bridge.pageUrl,
    origin: bridge.origin,
    secret: bridge.secret,
    port: bridge.port,
    studio: created,
    close: async () => {
      await bridge.close();
      await created.dispose();
    },
  };
}

/** Options of startBridgeForTest; paths default to the checkout's build and bundled models. */
export interface TestBridgeOptions {
  libraryDir: string;
  staticDir?: string | null;
  bundleDirs?: string[];
  generator?: WindowGenerator;
  decoder?: CodeDecoder;
  converter?: BundleConverter;
  provider?: () => Promise<InferenceProvider>;
}

/** The real studio and bridge for browser tests, on the built renderer (run `npm run build` first). */
export function startBridgeForTest(options: TestBridgeOptions): Promise<StudioBridge> {
  return startStudioBridge({
    libraryDir: options.libraryDir,
    bundleDirs: options.bundleDirs ?? [path.resolve('resources/models')],
    staticDir: options.staticDir === undefined ? path.resolve('dist/renderer') : options.staticDir,
    ...(options.generator ? { generator: options.generator } : {}),
    ...(options.decoder ? { decoder: options.decoder } : {}),
    ...(options.converter ? { converter: options.converter } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
  });
}
