// The `npm run web` server loads no inference runtime until an inference host starts, from sources (tsx)
// as from its bundle: src/main and web/ reach inference only through the client, which imports no engine.
// The engine's public API is the control that does map onnxruntime's native library.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../main/synth-media';
import { runtimeMapped } from './runtime-mapped';

const tmp = tempDir('no-runtime');
afterAll(() => tmp.remove());

/** Runs `args` under tsx until it prints `ready`, then answers whether the process mapped the runtime. */
function mappedWhenReady(args: string[], ready: RegExp): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  return new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      if (!ready.test(printed)) return;
      child.stdout.off('data', onData);
      resolve(runtimeMapped(child.pid!));
      child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before it was ready: ${printed}`)));
  });
}

describe.runIf(process.platform === 'linux')('onnxruntime stays unloaded (sources under tsx)', () => {
  it('in the web server, started and serving, before any inference host', async () => {
    const args = ['web/main.ts', '--library', path.join(tmp.dir, 'library'), '--renderer', tmp.dir];
    expect(await mappedWhenReady(args, /Open: \S+\n/)).toBe(false);
  });
  it('but the engine maps it (the control)', async () => {
    const engine = pathToFileURL(path.resolve('src/inference/index.ts')).href;
    const script = `await import(${JSON.stringify(engine)}); console.log('loaded'); setInterval(() => {}, 1000);`;
    const args = ['--input-type=module', '-e', script];
    expect(await mappedWhenReady(args, /loaded\n/)).toBe(true);
  });
});
