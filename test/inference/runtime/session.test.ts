import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/inference/onnx/builder';
import { OrtSession, tensor } from '../../../src/inference/runtime/session';
import { availableProviders, pickProviders } from '../../../src/inference/runtime/providers';

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

  it('falls back to the CPU when the requested provider is not installed', async () => {
    expect(pickProviders('cuda')).toEqual(['cuda', 'cpu']);
    expect(pickProviders('cpu')).toEqual(['cpu']);
    expect(availableProviders()).toContain('cpu');
    const s = await OrtSession.load(file, {
      provider: availableProviders().includes('cuda') ? 'coreml' : 'cuda',
    });
    expect(s.provider).toBe('cpu');
    await s.dispose();
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
