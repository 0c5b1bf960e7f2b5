// The GPU check (`npm run bench:gpu`): one run, no questions, a few minutes on a machine with a GPU. Lists the
// execution providers and what `auto` and `webgpu` resolve to (with the GPU named by nvidia-smi where there is
// one), runs the reference check on WebGPU (and CUDA when its provider is installed), then the medium benchmark
// on the GPU provider, and prints one JSON line of figures. The medium bundle is built on first use (about
// 12 GB in $VIDMUSE_BENCH_CACHE, default ~/.cache/vidmuse-bench); $VIDMUSE_TORCH_PEER adds the PyTorch peer.
//   npm run bench:gpu [-- --variants fp32,q8,fp16 --seconds 2 --window-frames 60]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { availableProviders, chooseProvider, type ProviderChoice } from '../src/inference/runtime/providers';
import { ensureRuntimeDir } from '../src/inference/runtime/runtime-dir';
import { runReferenceCheck } from '../src/inference/reference/run-reference';
import { REFERENCE_DIR } from '../test/fixtures/paths';

const { values } = parseArgs({
  options: {
    variants: { type: 'string', default: 'fp32,q8,fp16' },
    seconds: { type: 'string', default: '2' },
    'window-frames': { type: 'string', default: '60' },
    'global-frames': { type: 'string', default: '32' },
  },
});

/** The GPUs nvidia-smi lists (name, memory), or null where there is no NVIDIA driver. */
function nvidiaGpus(): string[] | null {
  const r = spawnSync(
    'nvidia-smi',
    ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader'],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 ? r.stdout.trim().split('\n') : null;
}

/** Reference check on one provider: how many comparisons passed, which failed, how long it took. */
async function reference(provider: 'webgpu' | 'cuda'): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  try {
    const results = await runReferenceCheck(REFERENCE_DIR, { provider });
    return {
      provider,
      passed: results.filter((r) => r.pass).length,
      total: results.length,
      failed: results.filter((r) => !r.pass).map((r) => `${r.name}: ${r.detail ?? r.maxAbsError}`),
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    };
  } catch (e) {
    return { provider, error: (e as Error).message };
  }
}

/** The medium benchmark on `ep`, run as its own process; its last JSON line, or the error. */
function mediumBench(ep: string): Record<string, unknown> {
  const args = ['tsx', 'bench/engine.ts', '--geometry', 'medium', '--ep', ep, '--variants', values.variants];
  args.push('--seconds', values.seconds, '--window-frames', values['window-frames']);
  args.push('--global-frames', values['global-frames'], '--threads', String(os.availableParallelism()));
  const r = spawnSync('npx', args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    return { error: `exit ${r.status}`, output: r.stdout.slice(-2000) };
  return JSON.parse(last) as Record<string, unknown>;
}

async function main(): Promise<void> {
  ensureRuntimeDir();
  const present = availableProviders();
  const auto: ProviderChoice = await chooseProvider('auto');
  const webgpu: ProviderChoice = await chooseProvider('webgpu');
  const gpuProvider = present.includes('cuda') ? 'cuda' : webgpu.provider;
  const checks = [];
  if (webgpu.provider === 'webgpu') checks.push(await reference('webgpu'));
  if (present.includes('cuda')) checks.push(await reference('cuda'));
  const medium = gpuProvider === 'cpu' ? { skipped: 'no GPU provider' } : mediumBench(gpuProvider);
  const figures = {
    machine: {
      gpus: nvidiaGpus(),
      cpus: os.availableParallelism(),
      cpu: os.cpus()[0]?.model,
      platform: process.platform,
    },
    providers: present,
    auto,
    webgpu,
    reference: checks,
    medium,
  };
  console.log(JSON.stringify(figures));
}

await main();
