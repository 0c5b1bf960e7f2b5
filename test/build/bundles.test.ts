// What each built entry point loads at run time: the sandboxed preload only 'electron'; Electron main and the
// bridge never onnxruntime (inference runs in its host); no bundle outside Electron loads 'electron'; and every
// package a bundle loads is a runtime dependency, so the packaged app can resolve it. Needs `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = path.resolve('dist');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Bare module names a bundle imports or requires, sorted, without Node built-ins. */
function packagesOf(file: string): string[] {
  const abs = path.join(dist, file);
  if (!existsSync(abs)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const text = readFileSync(abs, 'utf8');
  const names = new Set<string>();
  const statements = [
    /^import\s[^;"]*?from\s*"([^"]+)";/gm,
    /^import\s*"([^"]+)";/gm,
    /\brequire\("([^"]+)"\)/g,
    /\bimport\("([^"]+)"\)/g,
  ];
  for (const m of statements.flatMap((re) => [...text.matchAll(re)])) {
    const spec = m[1]!;
    if (builtins.has(spec) || spec.startsWith('.')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

const bundles = [
  'electron/main.js',
  'electron/preload.cjs',
  'electron/inference-host.cjs',
  'web/main.js',
  'web/inference-host-worker.js',
];

describe('built bundles', () => {
  it('the sandboxed preload loads nothing but electron', () => {
    expect(packagesOf('electron/preload.cjs')).toEqual(['electron']);
  });
  it('Electron main and the bridge do not load onnxruntime', () => {
    expect(packagesOf('electron/main.js')).not.toContain('onnxruntime-node');
    expect(packagesOf('web/main.js')).not.toContain('onnxruntime-node');
  });
  it('the inference hosts load onnxruntime and not electron', () => {
    expect(packagesOf('electron/inference-host.cjs')).toContain('onnxruntime-node');
    expect(packagesOf('web/inference-host-worker.js')).toContain('onnxruntime-node');
    expect(packagesOf('web/inference-host-worker.js')).not.toContain('electron');
    expect(packagesOf('web/main.js')).not.toContain('electron');
  });
  it('every package a bundle loads is a runtime dependency', () => {
    for (const file of bundles) {
      const missing = packagesOf(file).filter((p) => p !== 'electron' && !(p in pkg.dependencies));
      expect(missing, file).toEqual([]);
    }
  });
});
