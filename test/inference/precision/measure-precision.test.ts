// The precision gate on real converted bundles: the reference fixture's checkpoint and the shipped tiny
// bundle's own (different weights, different figures), plus its parts (the probe, the logits comparison).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../src/inference/bundle/loader';
import { convertBundle } from '../../../src/inference/convert/convert';
import { Engine } from '../../../src/inference/pipeline/engine';
import { logitsAgreement } from '../../../src/inference/precision/logits-agreement';
import { gateDefaultFor } from '../../../src/inference/generation/variant-choice';
import { measurePrecision } from '../../../src/inference/precision/measure-precision';
import { probeFrames } from '../../../src/inference/precision/probe-frames';
import { FIXTURE, tmpDir } from '../convert/helpers';

const SHIPPED = 'resources/models/tiny-untrained';

describe('logitsAgreement', () => {
  it('gives the relative RMS error and the share of rows whose argmax agrees', () => {
    const ref = Float32Array.from([1, 3, 0, 2, 0, 0]); // rows of 3: argmax 1, then 0
    const other = Float32Array.from([1, 3, 1, 0, 2, 0]); // argmax 1, then 1
    const a = logitsAgreement(ref, other, 3);
    expect(a.argmaxAgreement).toBe(0.5);
    expect(a.relRmsLogitsError).toBeCloseTo(Math.sqrt(9 / 14), 12);
  });
});

describe('probeFrames', () => {
  it('makes the same 12 frames every time, with content that moves from frame to frame', () => {
    const a = probeFrames(32, 2);
    expect([a.count, a.data.length]).toEqual([12, 12 * 3 * 32 * 32]);
    expect(Buffer.from(probeFrames(32, 2).data).equals(Buffer.from(a.data))).toBe(true);
    const frame = (i: number): Buffer => Buffer.from(a.data.subarray(i * 3072, (i + 1) * 3072));
    expect(frame(0).equals(frame(1))).toBe(false);
    expect(new Set(a.data).size).toBeGreaterThan(200);
  });
});

describe('the precision gate', () => {
  it("records each bundle's own figures and default at conversion; different weights give different figures", async () => {
    const out = path.join(tmpDir('gate'), 'fixture');
    const m = await convertBundle({
      lmCheckpoint: path.join(FIXTURE, 'lm/state_dict.bin'),
      codecDir: path.join(FIXTURE, 'codec'),
      outDir: out,
      trained: false,
    });
    const tiny = (await loadBundle(SHIPPED)).precision!;
    // The converter now builds the int8-K/V and fp16 variants too (the shipped bundle predates them).
    expect(Object.keys(m.precision!.measured).sort()).toEqual(['fp16', 'fp32', 'q4', 'q8', 'q8-kv8']);
    expect(Object.keys(tiny.measured).sort()).toEqual(['fp32', 'q4', 'q8']);
    // Measured on the CPU (no GPU device here, so no byProvider); fp16 passes far inside the gate there but is
    // never the CPU's default: it comes after fp32 in the CPU's speed order.
    expect(m.precision!.provider).toBe('cpu');
    expect(m.precision!.byProvider).toBeUndefined();
    expect(m.precision!.measured.fp16!.passed).toBe(true);
    expect(m.precision!.measured.fp16!.argmaxAgreement).toBeGreaterThanOrEqual(0.99);
    expect(m.precision!.measured.fp16!.relRmsLogitsError).toBeLessThan(0.01);
    expect(m.precision!.default).not.toBe('fp16');
    for (const p of [m.precision!, tiny]) {
      expect(p.gate.positions).toBeGreaterThanOrEqual(256);
      const fastestPassing = ['q4', 'q8-kv8', 'q8', 'fp32'].find((v) => p.measured[v]?.passed);
      expect(p.default).toBe(fastestPassing);
      expect(p.measured.q8!.relRmsLogitsError).toBeGreaterThan(0);
      expect(p.measured.q4!.relRmsLogitsError).toBeGreaterThan(p.measured.q8!.relRmsLogitsError);
    }
    expect(m.precision!.measured.q8!.relRmsLogitsError).not.toBe(tiny.measured.q8!.relRmsLogitsError);
    expect(m.precision!.measured.q4!.argmaxAgreement).not.toBe(tiny.measured.q4!.argmaxAgreement);
    // Measuring again on the written bundle gives the same verdicts; the engine runs the recorded default.
    const again = await measurePrecision(out, m);
    expect(again.default).toBe(m.precision!.default);
    const engine = await Engine.open(out);
    try {
      expect(engine.decoder.variant).toBe(m.precision!.default);
    } finally {
      await engine.dispose();
    }
  });

  it('measures the int8-K/V variant too and prefers it, the fastest 8-bit one, when it passes', async () => {
    const out = path.join(tmpDir('gate'), 'kv8');
    const m = await convertBundle({
      lmCheckpoint: path.join(FIXTURE, 'lm/state_dict.bin'),
      codecDir: path.join(FIXTURE, 'codec'),
      outDir: out,
      decoderVariants: ['fp32', 'q8', 'q8-kv8'],
    });
    const p = m.precision!;
    expect(Object.keys(p.measured).sort()).toEqual(['fp32', 'q8', 'q8-kv8']);
    expect(p.default).toBe(p.measured['q8-kv8']!.passed ? 'q8-kv8' : p.measured.q8!.passed ? 'q8' : 'fp32');
  });

  it('measures against fp32 on WebGPU too (lavapipe here), where fp16 is the default when it passes', async () => {
    const out = path.join(tmpDir('gate'), 'webgpu');
    const m = await convertBundle({
      lmCheckpoint: path.join(FIXTURE, 'lm/state_dict.bin'),
      codecDir: path.join(FIXTURE, 'codec'),
      outDir: out,
      decoderVariants: ['fp32', 'q8', 'q8-kv8', 'fp16'],
      skipGate: true,
    });
    const p = await measurePrecision(out, m, { runtime: { provider: 'webgpu' } });
    expect(p.provider).toBe('webgpu');
    expect(Object.keys(p.measured).sort()).toEqual(['fp16', 'fp32', 'q8', 'q8-kv8']);
    expect(p.measured.fp16!.passed).toBe(true);
    expect(p.measured.fp16!.relRmsLogitsError).toBeLessThan(0.01);
    expect(p.default).toBe('fp16');
    // On the CPU the same bundle's default is an 8-bit variant: fp16 ranks after fp32 there.
    const cpu = await measurePrecision(out, m, { runtime: { provider: 'cpu' } });
    expect(cpu.default).toMatch(/^(q8-kv8|q8)$/);
    expect(gateDefaultFor({ ...cpu, byProvider: { webgpu: p } }, 'webgpu')).toBe('fp16');
  }, 300_000);

  it('is left out with skipGate', async () => {
    const out = path.join(tmpDir('gate'), 'plain');
    const m = await convertBundle({
      lmCheckpoint: path.join(FIXTURE, 'lm/state_dict.bin'),
      codecDir: path.join(FIXTURE, 'codec'),
      outDir: out,
      skipGate: true,
    });
    expect(m.precision).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8')).precision).toBeUndefined();
  });
});
