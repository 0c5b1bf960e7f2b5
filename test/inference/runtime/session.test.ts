import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/inference/onnx/builder';
import { AppError } from '../../../src/shared/errors';
import { OrtSession, runError, tensor } from '../../../src/inference/runtime/session';
import { availableProviders, chooseProvider } from '../../../src/inference/runtime/providers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** y = x + 1 over a [n] float vector. */
function addOneGraph(): string {
  const g = new GraphBuilder('add_one');
  const x = g.input('x', 'float32', ['n']);
  g.output(g.op('Add', [x, g.constF32([1], [1])]), 'y', 'float32', ['n']);
  const file = path.join(dir, 'add_one.onnx');
  fs.writeFileSync(file, g.toBytes());
  return file;
}

describe('OrtSession', () => {
  const file = addOneGraph();

  it('runs on the CPU provider and reports it', async () => {
    const s = await OrtSession.load(file, { provider: 'cpu', intraOpThreads: 1 });
    expect(s.provider).toBe('cpu');
    expect(s.inputNames).toEqual(['x']);
    expect(s.outputNames).toEqual(['y']);
    const out = await s.run({ x: tensor('float32', Float32Array.from([1, 2, 3]), [3]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([2, 3, 4]);
    await s.dispose();
  });

  it('falls back to the CPU with a one-line reason when the requested provider is not installed', async () => {
    expect(availableProviders()).toContain('cpu');
    expect(await chooseProvider('cpu')).toEqual({ provider: 'cpu', reason: 'requested' });
    const missing = availableProviders().includes('cuda') ? 'coreml' : 'cuda';
    const choice = await chooseProvider(missing);
    expect(choice.provider).toBe('cpu');
    expect(choice.reason).toMatch(/not (installed|available).*; running on the CPU$/);
    const s = await OrtSession.load(file, { provider: missing });
    expect(s.provider).toBe('cpu');
    expect(s.reason).toBe(choice.reason);
    await s.dispose();
  });

  it('decides auto once per process: CUDA if installed, a WebGPU GPU adapter, else the CPU, saying why', async () => {
    const a = await chooseProvider('auto');
    expect(await chooseProvider('auto')).toBe(a);
    expect(['cuda', 'webgpu', 'cpu']).toContain(a.provider);
    expect(a.reason).toMatch(/^auto: /);
    expect(a.reason).not.toContain('\n');
  });

  it('runs on the WebGPU provider (a software Vulkan device in CI) and gives the CPU result', async () => {
    const choice = await chooseProvider('webgpu');
    expect(choice).toEqual({ provider: 'webgpu', reason: 'requested' });
    const s = await OrtSession.load(file, { provider: 'webgpu' });
    expect(s.provider).toBe('webgpu');
    const out = await s.run({ x: tensor('float32', Float32Array.from([1, 2, 3]), [3]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([2, 3, 4]);
    await s.dispose();
  });

  it('turns a provider failure into an out-of-memory error with what to try, or one naming graph and provider', () => {
    const oom = runError(
      new Error('Failed to allocate memory for buffer\nmore'),
      'decoder_step.onnx',
      'webgpu',
    );
    expect(oom).toBeInstanceOf(AppError);
    expect(oom).toMatchObject({
      code: 'out-of-memory',
      message:
        'Out of webgpu device memory running decoder_step.onnx: try a shorter window or the CPU (--ep cpu) (Failed to allocate memory for buffer)',
    });
    expect(runError(new Error('bad_alloc'), 'lstv.onnx', 'cpu')).toMatchObject({ code: 'out-of-memory' });
    expect(runError(new Error('Unsupported op Foo'), 'lstv.onnx', 'webgpu')).toMatchObject({
      code: 'internal',
      message: 'lstv.onnx failed on the webgpu provider: Unsupported op Foo (try --ep cpu)',
    });
    const plain = new Error('shape mismatch');
    expect(runError(plain, 'lstv.onnx', 'cpu')).toBe(plain);
  });

  it('writes into a preallocated output buffer', async () => {
    const s = await OrtSession.load(file, { provider: 'auto' });
    const buf = new Float32Array(2);
    await s.run({ x: tensor('float32', Float32Array.from([5, 6]), [2]) }, { y: tensor('float32', buf, [2]) });
    expect(Array.from(buf)).toEqual([6, 7]);
    await s.dispose();
  });

  it('refuses use after dispose and tolerates a second dispose', async () => {
    const s = await OrtSession.load(file);
    await s.dispose();
    await s.dispose();
    await expect(s.run({ x: tensor('float32', new Float32Array(1), [1]) })).rejects.toThrow(/after dispose/);
  });

  it('names the file when a graph cannot be loaded', async () => {
    const bad = path.join(dir, 'broken.onnx');
    fs.writeFileSync(bad, 'not a model');
    await expect(OrtSession.load(bad)).rejects.toMatchObject({
      code: 'bad-bundle',
      message: expect.stringContaining('broken.onnx'),
    });
  });
});
