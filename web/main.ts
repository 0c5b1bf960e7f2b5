// `npm run web`: the editor in a browser. Starts the studio and the loopback bridge on 127.0.0.1 and
// prints the page URL with this run's secret. Built into dist/web/main.js beside dist/renderer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWorkerHost } from '../src/inference/client';
import { killAllProcesses } from '../src/media/process';
import { defaultLibraryDir } from '../src/main/library-dir';
import { createInferenceGenerator } from '../src/main/bridge/inference-generator';
import { startStudioBridge } from '../src/main/bridge/studio-bridge';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    library: { type: 'string', default: defaultLibraryDir() },
    models: { type: 'string', multiple: true, default: [path.join(repo, 'resources', 'models')] },
    renderer: { type: 'string', default: path.join(repo, 'dist', 'renderer') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}

const libraryDir = path.resolve(values.library);
const inference = createInferenceGenerator(() => startWorkerHost(), path.join(libraryDir, 'feature-cache'));
const running = await startStudioBridge({
  libraryDir,
  generator: inference.generator,
  decoder: inference.decoder,
  converter: inference.converter,
  provider: inference.provider,
  bundleDirs: values.models.map((m) => path.resolve(m)),
  staticDir: path.resolve(values.renderer),
  port,
});
console.log(`VidMuse Studio (web) on ${running.origin}`);
console.log(`Open: ${running.url}`);
console.log('Only this machine can connect; the secret in the URL changes every run. Ctrl+C stops.');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  running
    .close()
    .then(() => inference.dispose())
    .finally(killAllProcesses)
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
