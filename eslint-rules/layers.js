// Enforces the import direction of ARCHITECTURE.md §3: folders are layers and imports go down only.
//   src/shared     imports nothing of ours, no node:, no DOM-only or electron modules
//   src/media      Node toolkit beneath inference and main (ffmpeg/ffprobe tools, processes): imports shared
//   src/inference  imports shared and media; only src/inference/runtime imports onnxruntime
//   src/main       imports shared, media and the inference client (src/inference/client/), which loads no runtime
//   src/cli        imports shared, main and inference's public API
//   src/renderer   imports shared only, no node modules
//   web/           the `npm run web` entry: imports shared, media, main and the inference client
//   electron/      imports shared, media, main, the inference client and (for its utility process) the host;
//                  nothing outside it imports 'electron'
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Layer of an absolute path, or null when it is outside the layered tree. */
function layerOf(abs) {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel.startsWith('electron/')) return 'electron';
  if (rel.startsWith('web/')) return 'web';
  const m = /^src\/([^/]+)\//.exec(rel);
  if (m) return m[1];
  if (/^(test|bench|scripts)\//.test(rel)) return 'tooling';
  return null;
}

const allowed = {
  shared: ['shared'],
  media: ['shared', 'media'],
  inference: ['shared', 'media', 'inference'],
  main: ['shared', 'media', 'inference-client', 'main'],
  cli: ['shared', 'media', 'inference-api', 'inference-client', 'main', 'cli'],
  renderer: ['shared', 'renderer'],
  web: ['shared', 'media', 'inference-client', 'main', 'web'],
  electron: ['shared', 'media', 'inference-client', 'inference-host', 'main', 'electron'],
  tooling: [
    'shared',
    'media',
    'inference',
    'inference-api',
    'inference-client',
    'main',
    'cli',
    'renderer',
    'tooling',
  ],
};

function targetLayer(abs) {
  const layer = layerOf(abs);
  if (layer !== 'inference') return layer;
  const rel = path.relative(path.join(root, 'src/inference'), abs).split(path.sep).join('/');
  if (rel === 'index' || rel === 'index.ts') return 'inference-api';
  if (rel === 'client' || rel.startsWith('client/')) return 'inference-client';
  if (rel.startsWith('host/')) return 'inference-host';
  return 'inference';
}

export default {
  rules: {
    'import-direction': {
      meta: { type: 'problem', schema: [], messages: { bad: '{{from}} may not import {{what}} ({{why}})' } },
      create(context) {
        const file = context.filename ?? context.getFilename();
        const from = layerOf(file);
        if (!from) return {};
        const relFile = path.relative(root, file).split(path.sep).join('/');
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          const report = (why) => context.report({ node, messageId: 'bad', data: { from, what: spec, why } });
          if (spec === 'electron' || spec.startsWith('electron/')) {
            if (from !== 'electron') report('only electron/ imports electron');
            return;
          }
          if (spec.startsWith('onnxruntime')) {
            if (!relFile.startsWith('src/inference/runtime/') && from !== 'tooling')
              report('only src/inference/runtime imports onnxruntime');
            return;
          }
          if (nodeBuiltins.has(spec)) {
            if (from === 'shared' || from === 'renderer') report(`${from} has no Node access`);
            return;
          }
          if (!spec.startsWith('.')) {
            if (from === 'shared') report('shared imports no packages');
            return;
          }
          const abs = path.resolve(path.dirname(file), spec);
          let to = targetLayer(abs);
          if (to === 'inference' && from === 'inference') return;
          if ((to === 'inference-api' || to === 'inference-client') && from === 'inference') to = 'inference';
          // The host's own files, the public API (which exports the client) and tests may reach into host/.
          if (
            to === 'inference-host' &&
            (/^src\/inference\/(host\/|index\.ts$)/.test(relFile) || from === 'tooling')
          )
            return;
          if (to && !allowed[from].includes(to)) report(`layer ${to} is not below ${from}`);
        }
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
        };
      },
    },
  },
};
