// Starts a host in a worker_threads Worker. From sources (tsx, vitest) the entry is TypeScript, which a
// bare Worker cannot load, so a tiny bootstrap registers tsx's loader inside the worker first.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureRuntimeDir } from '../runtime/runtime-dir';
import type { MessagePortLike } from './message-port';

/** Options of a host worker. */
export interface WorkerHostOptions {
  /**
   * JS heap limit of the worker in MiB (default 4096): exceeding it fails the job with 'out-of-memory'
   * instead of aborting the whole process. Tensors live in ArrayBuffers outside this heap.
   */
  maxHeapMb?: number;
  /** Extra environment for the worker (defaults to a copy of the parent's). */
  env?: Record<string, string>;
}

/** The production worker entry beside this module (TypeScript from sources, JavaScript when built). */
export function defaultWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../host/worker-entry.ts', import.meta.url)
    : new URL('./inference-host-worker.js', import.meta.url);
}

/** Source of a worker that loads a TypeScript entry through tsx's ESM loader. */
function tsBootstrap(entry: URL): string {
  const req = createRequire(import.meta.url);
  const api = pathToFileURL(
    req.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs'),
  ).href;
  return `import(${JSON.stringify(api)})
    .then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })
    .catch((e) => { console.error('inference host failed to start:', e); process.exit(70); });`;
}

/** Starts a Worker running `entry` and returns it as a protocol transport. */
export function startWorkerHost(
  entry: URL = defaultWorkerEntry(),
  opts: WorkerHostOptions = {},
): MessagePortLike {
  // A worker's process.env is its own copy: native code (the WebGPU adapter) sees only the main thread's.
  ensureRuntimeDir();
  const common = {
    execArgv: [] as string[],
    resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 4096 },
    env: opts.env ? { ...process.env, ...opts.env } : undefined,
  };
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(tsBootstrap(entry), { ...common, eval: true })
    : new Worker(fileURLToPath(entry), common);
  return {
    postMessage: (m) => worker.postMessage(m),
    on: (event: string, listener: (arg: unknown) => void) => worker.on(event, listener),
    stop: () => void worker.terminate(),
  } as MessagePortLike;
}
