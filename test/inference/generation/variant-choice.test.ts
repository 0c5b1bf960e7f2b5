import { describe, expect, it } from 'vitest';
import type { PrecisionRecord } from '../../../src/inference/bundle/types';
import { chooseDecoderVariant, gateDefaultFor } from '../../../src/inference/generation/variant-choice';

describe('chooseDecoderVariant', () => {
  it('auto picks the fastest variant that passed the quality gate', () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'])).toBe('q8');
    expect(chooseDecoderVariant(['fp32', 'q4'])).toBe('fp32');
    expect(chooseDecoderVariant(['fp32'], 'auto')).toBe('fp32');
  });

  it("auto runs the default the bundle's own precision gate recorded, when the bundle has that variant", () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'auto', 'fp32')).toBe('fp32');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'auto', 'q4')).toBe('q4');
    expect(chooseDecoderVariant(['fp32', 'q8'], 'auto', 'q4')).toBe('q8');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'q8', 'fp32')).toBe('q8');
  });

  it('honours an explicit request the bundle can serve, else falls back to auto', () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'q4')).toBe('q4');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'fp32')).toBe('fp32');
    expect(chooseDecoderVariant(['fp32', 'q8'], 'q4')).toBe('q8');
  });
});

describe('gateDefaultFor (the default per provider)', () => {
  const fig = (passed: boolean) => ({
    relRmsLogitsError: passed ? 0.01 : 0.2,
    argmaxAgreement: 0.95,
    passed,
  });
  const gate = { maxRelRmsLogitsError: 0.05, minArgmaxAgreement: 0.9, positions: 260, probe: 'p' };
  const cpu: PrecisionRecord = {
    measured: { fp32: fig(true), q8: fig(true), q4: fig(false), 'q8-kv8': fig(true), fp16: fig(true) },
    default: 'q8-kv8',
    provider: 'cpu',
    gate,
  };

  it('runs the CPU record on the CPU, where fp16 is never chosen while fp32 passes', () => {
    expect(gateDefaultFor(cpu, 'cpu')).toBe('q8-kv8');
    expect(gateDefaultFor({ ...cpu, provider: undefined }, 'cpu')).toBe('q8-kv8');
    expect(gateDefaultFor(undefined, 'cpu')).toBeUndefined();
  });

  it("uses a GPU's own measurement when the bundle has one, else the GPU order over the CPU's figures", () => {
    expect(gateDefaultFor(cpu, 'webgpu')).toBe('fp16');
    const fp16Failed = { ...cpu, measured: { ...cpu.measured, fp16: fig(false) } };
    expect(gateDefaultFor(fp16Failed, 'webgpu')).toBe('q8');
    const measuredThere = { ...cpu, byProvider: { webgpu: { measured: cpu.measured, default: 'q8' } } };
    expect(gateDefaultFor(measuredThere, 'webgpu')).toBe('q8');
    expect(gateDefaultFor(measuredThere, 'cuda')).toBe('fp16');
  });
});
