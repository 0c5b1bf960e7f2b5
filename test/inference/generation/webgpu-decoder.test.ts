// The decoder on the WebGPU provider (a software Vulkan device in CI): the window's cross K/V and the
// self-attention cache stay in device memory between steps, the bytes that do cross between host and device are
// counted (tokens up, logits down), and greedy decoding gives the CPU's logits within the reference tolerance.
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
  let lm: ReturnType<typeof buildTinyDecoder>['lm'];
  beforeAll(async () => {
    const built = buildTinyDecoder(['fp32', 'q8-kv8']);
    lm = built.lm;
    dir = built.dir;
    cpu = await loadTinyDecoder(dir, built.lm, 'fp32', { provider: 'cpu' });
    gpu = await loadTinyDecoder(dir, built.lm, 'fp32', { provider: 'webgpu' });
  }, 300_000);
  afterAll(async () => {
    await cpu?.dispose();
    await gpu?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the cross K/V and the self-attention cache on the device', { timeout: 300_000 }, async () => {
    expect(gpu.provider).toBe('webgpu');
    const mem = cfgMemory();
    const kv = await gpu.crossKv(mem.data, mem.rows);
    expect(kv.k.every((t) => t.location === 'gpu-buffer')).toBe(true);
    expect(gpu.transfer.deviceToHost).toBe(0);
    gpu.releaseCross(kv);
    const lm = gpu.lm;
    const upPerStep: number[] = [];
    const downPerStep: number[] = [];
    let last = { ...gpu.transfer };
    const logits: Float32Array[] = [];
    const r = await generateTokens(gpu, mem, PARAMS, {
      onLogits: (_, l) => logits.push(l.slice()),
      onProgress: () => {
        const now = gpu.transfer;
        upPerStep.push(now.hostToDevice - last.hostToDevice);
        downPerStep.push(now.deviceToHost - last.deviceToHost);
        last = { ...now };
      },
    });
    expect(upPerStep).toHaveLength(r.calls);
    // Every step after the first uploads its tokens (int64 [2B, K, 1]), one position, the CFG coefficient and the
    // 1×1 causal mask, and downloads the guided logits [B, K, 1, card]: no K/V of either attention.
    const B = mem.rows / 2;
    const tokenBytes = mem.rows * lm.nQ * 8 + 8 + 4 + 4;
    const logitBytes = B * lm.nQ * lm.card * 4;
    expect(upPerStep.slice(1)).toEqual(Array(r.calls - 1).fill(tokenBytes));
    expect(downPerStep).toEqual(Array(r.calls).fill(logitBytes));
    // The first step also uploads the video memory (cross K/V graph) and the cache's one masked slot, read by
    // the step graph and then by the append graph.
    const d = lm.dim / lm.numHeads;
    const initialSlot = 2 * lm.numLayers * mem.rows * lm.numHeads * d * 4 + 4;
    expect(upPerStep[0]).toBe(mem.data.byteLength + tokenBytes + 2 * initialSlot);
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

  it(
    'runs the int8-K/V variant too, its int8 K/V and cache through the host',
    { timeout: 300_000 },
    async () => {
      const kv8 = await loadTinyDecoder(dir, lm, 'q8-kv8', { provider: 'webgpu' });
      try {
        const mem = cfgMemory();
        const kv = await kv8.crossKv(mem.data, mem.rows);
        expect(kv.k.every((t) => t.type === 'int8' && t.location === 'cpu')).toBe(true);
        kv8.releaseCross(kv);
        const r = await generateTokens(kv8, mem, PARAMS);
        expect(r.codes.length).toBe((mem.rows / 2) * kv8.lm.nQ * PARAMS.frames);
      } finally {
        await kv8.dispose();
      }
    },
  );
});
