// Bundles the Node-side entry points into dist/ with esbuild: Electron's main process, its sandboxed
// preload (CommonJS, as sandboxed preloads require), the inference host (a utilityProcess) and the
// web entry (npm run web). Runtime dependencies (native modules among them) stay external: they ship in
// node_modules, unpacked from the asar where they are native.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];

// ESM output has no require/__dirname; bundled CommonJS code may still use them.
const esmShim = [
  "import { createRequire as __vmCreateRequire } from 'node:module';",
  "import { fileURLToPath as __vmFileURLToPath } from 'node:url';",
  "import { dirname as __vmDirname } from 'node:path';",
  'const require = __vmCreateRequire(import.meta.url);',
  'const __filename = __vmFileURLToPath(import.meta.url);',
  'const __dirname = __vmDirname(__filename);',
].join('\n');

// Electron main and the web entry reach inference only through src/inference/client, which imports no
// runtime: their bundles hold no onnxruntime (test/build/bundles.test.ts checks).
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
};

const targets = [
  { entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron' },
  { entryPoints: { main: 'web/main.ts' }, outdir: 'dist/web' },
  // The web entry runs inference in a worker_threads Worker whose entry sits beside its bundle.
  { entryPoints: { 'inference-host-worker': 'src/inference/host/worker-entry.ts' }, outdir: 'dist/web' },
];

const started = Date.now();
await Promise.all([
  ...targets.map((t) =>
    build({ ...common, ...t, format: 'esm', outExtension: { '.js': '.js' }, banner: { js: esmShim } }),
  ),
  // CommonJS for the sandboxed preload (a requirement) and the utility process (the safest loader there).
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts', 'inference-host': 'electron/inference-host.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
  }),
]);
console.log(
  `build:node: dist/electron (main, preload, inference-host), dist/web (main, inference-host-worker) in ${Date.now() - started} ms`,
);
