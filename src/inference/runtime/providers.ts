// Execution provider choice: which providers this onnxruntime build offers, in order of preference.
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

/** A non-bundled provider (CUDA) is usable only after `npm ci --onnxruntime-node-install=cuda12`. */
function isInstalled(name: string): boolean {
  return name === 'cuda' && process.env.VIDMUSE_ENABLE_CUDA === '1';
}
