// Execution provider choice: which providers this onnxruntime build offers, in order of preference.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

/** Providers the app knows how to ask for. */
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

const PREFERENCE: ProviderName[] = ['cuda', 'dml', 'coreml', 'cpu'];

/** Providers present in this build whose native library is installed (CPU always). */
export function availableProviders(): ProviderName[] {
  const listed = ort.listSupportedBackends?.() ?? [];
  const names = new Set(listed.filter((b) => b.bundled || isInstalled(b.name)).map((b) => b.name));
  return PREFERENCE.filter((p) => p === 'cpu' || names.has(p));
}

/** The providers to try in order for a request; CPU is always last so loading falls back to it. */
export function pickProviders(request: ProviderName | 'auto'): ProviderName[] {
  const present = availableProviders();
  const first = request === 'auto' ? present.filter((p) => p !== 'cpu') : [request];
  return [...new Set<ProviderName>([...first, 'cpu'])];
}

/**
 * A provider that is not bundled (CUDA) is usable only once its library was installed beside the binding
 * (`npm ci --onnxruntime-node-install=cuda12`); 'auto' skips it otherwise instead of failing a load first.
 */
function isInstalled(name: string): boolean {
  if (name !== 'cuda') return false;
  try {
    const dist = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    const lib = path.join(
      dist,
      '..',
      'bin',
      'napi-v6',
      process.platform,
      process.arch,
      'libonnxruntime_providers_cuda.so',
    );
    return fs.existsSync(lib);
  } catch {
    return false;
  }
}
