// The decoder on the WebGPU provider (a software Vulkan device in CI): the window's cross K/V stay in device
// memory between steps, the bytes that do cross between host and device are counted, and greedy decoding
// gives the CPU's logits within the reference tolerance.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecoderModel } from '../../../src/inference/generation/decoder-model';
import { generateTokens } from '../../../src/inference/generation/generate';
import { buildTinyDecoder, cfgMemory, loadTinyDecoder } from './tiny-decoder';

const PARAMS = { useSampling: false, temperature: 1, topK: 250, topP: 0, cfgCoef: 3, seed: 0, frames: 12 };

describe('decoder on WebGPU', () => {
  let dir = '';
  let cpu: DecoderModel;
  let gpu: DecoderModel;
  beforeAll(async () => {
    const built = buildTinyDecoder(['fp32']);
    dir = built.dir;
    cpu = await loadTinyDecoder(dir, built.lm, 'fp32', { provider: 'cpu' });
    gpu = await loadTinyDecoder(dir, built.lm, 'fp32', { provider: 'webgpu' });
  }, 300_000);
  afterAll(async () => {
    await cpu?.dispose();
    await gpu?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the cross K/V on the device and counts what crosses per step', { timeout: 300_000 }, async () => {
    expect(gpu.provider).toBe('webgpu');
    const mem = cfgMemory();
    const kv = await gpu.crossKv(mem.data, mem.rows);
    expect(kv.k.every((t) => t.location === 'gpu-buffer')).toBe(true);
    expect(gpu.transfer.deviceToHost).toBe(0);
    gpu.releaseCross(kv);
    const before = { ...gpu.transfer };
    const logits: Float32Array[] = [];
    const r = await generateTokens(gpu, mem, PARAMS, { onLogits: (_, l) => logits.push(l.slice()) });
    const up = gpu.transfer.hostToDevice - before.hostToDevice;
    const down = gpu.transfer.deviceToHost - before.deviceToHost;
    // Up: the video memory once, then per step tokens, positions, masks and the self-attention cache (no cross K/V).
    const lm = gpu.lm;
    const crossPerStep = 2 * lm.numLayers * mem.data.length * 4;
    expect(up).toBeGreaterThan(mem.data.byteLength);
    expect((up - mem.data.byteLength) / r.calls).toBeLessThan(crossPerStep);
    // Down: logits and the new K/V of each step.
    expect(down).toBeGreaterThan(0);
    const cpuLogits: Float32Array[] = [];
    const c = await generateTokens(cpu, mem, PARAMS, { onLogits: (_, l) => cpuLogits.push(l.slice()) });
    expect(cpu.transfer).toEqual({ hostToDevice: 0, deviceToHost: 0 });
    expect(Array.from(r.codes)).toEqual(Array.from(c.codes));
    const err = logits.reduce(
      (m, l, i) => l.reduce((a, v, j) => Math.max(a, Math.abs(v - cpuLogits[i]![j]!)), m),
      0,
    );
    expect(err).toBeLessThanOrEqual(1e-4);
  });
});
