// Execution provider choice: which providers this onnxruntime build offers, and the one a request resolves to
// ('auto': CUDA when its library is installed, else WebGPU when a GPU adapter is found, else the CPU), decided
// once per process (one inference host) with a one-line reason.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../onnx/builder';
import { ensureRuntimeDir } from './runtime-dir';
import type { ProviderName } from '../client/providers';

export { PROVIDER_NAMES, type ProviderName } from '../client/providers';

/** A provider decision and why it was made, e.g. { provider: 'cpu', reason: 'no WebGPU adapter: …' }. */
export interface ProviderChoice {
  provider: ProviderName;
  reason: string;
}

const PREFERENCE: ProviderName[] = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'];

/** Providers present in this build whose native library is installed (CPU always). */
export function availableProviders(): ProviderName[] {
  const listed = ort.listSupportedBackends?.() ?? [];
  const names = new Set(listed.filter((b) => b.bundled || isInstalled(b.name)).map((b) => b.name));
  return PREFERENCE.filter((p) => p === 'cpu' || names.has(p));
}

const decided = new Map<string, Promise<ProviderChoice>>();

/** Resolves a request to one provider, once per process and request; logs the decision to stderr. */
export function chooseProvider(request: ProviderName | 'auto' = 'auto'): Promise<ProviderChoice> {
  let choice = decided.get(request);
  if (!choice) {
    choice = decide(request).then((c) => {
      process.stderr.write(`inference: ${c.provider} (${c.reason})\n`);
      return c;
    });
    decided.set(request, choice);
  }
  return choice;
}

async function decide(request: ProviderName | 'auto'): Promise<ProviderChoice> {
  const present = availableProviders();
  if (request === 'cpu') return { provider: 'cpu', reason: 'requested' };
  if (request === 'auto') {
    if (present.includes('cuda')) return { provider: 'cuda', reason: 'auto: the CUDA provider is installed' };
    if (!hasGpuDevice())
      return { provider: 'cpu', reason: 'auto: no GPU device found (a software WebGPU adapter is not used)' };
    const why = await webgpuProblem(present);
    return why
      ? { provider: 'cpu', reason: `auto: ${why}` }
      : { provider: 'webgpu', reason: 'auto: a WebGPU adapter was found' };
  }
  if (request === 'webgpu') {
    const why = await webgpuProblem(present);
    return why
      ? { provider: 'cpu', reason: `${why}; running on the CPU` }
      : { provider: 'webgpu', reason: 'requested' };
  }
  if (!present.includes(request))
    return {
      provider: 'cpu',
      reason:
        request === 'cuda'
          ? 'the CUDA provider library is not installed (npm ci --onnxruntime-node-install=cuda12); running on the CPU'
          : `${request} is not available on ${process.platform}; running on the CPU`,
    };
  return { provider: request, reason: 'requested' };
}

/** Null when a WebGPU adapter works here; otherwise one line saying why not. */
async function webgpuProblem(present: ProviderName[]): Promise<string | null> {
  if (!present.includes('webgpu')) return 'this onnxruntime build has no WebGPU provider';
  ensureRuntimeDir();
  try {
    const s = await ort.InferenceSession.create(probeGraph(), { executionProviders: ['webgpu'] });
    await s.release();
    return null;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
    return `no WebGPU adapter (${first})`;
  }
}

/** y = x + 1: the smallest graph that makes the WebGPU provider request an adapter and a device. */
function probeGraph(): Uint8Array {
  const g = new GraphBuilder('webgpu_probe');
  g.output(g.op('Add', [g.input('x', 'float32', [1]), g.constF32([1], [1])]), 'y', 'float32', [1]);
  return g.toBytes();
}

/**
 * On Linux a WebGPU adapter without a GPU device node is a software rasteriser (Mesa's lavapipe): correct
 * but slower than the CPU provider, so 'auto' does not pick it. Elsewhere the adapter is trusted.
 */
function hasGpuDevice(): boolean {
  if (process.platform !== 'linux') return true;
  const list = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return (
    list('/dev/dri').some((f) => f.startsWith('renderD')) || list('/dev').some((f) => /^nvidia\d+$/.test(f))
  );
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
