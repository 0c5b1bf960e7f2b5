// The fp16 decoder variant (float16 weights, activations, cross K/V and self-attention cache; float32 feeds and
// logits) against fp32 on the fixture's tiny decoder, on the CPU and on WebGPU (a software Vulkan device here):
// greedy generation through the cache, and the precision gate's measures on its logits.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecoderModel } from '../../../src/inference/generation/decoder-model';
import { generateTokens } from '../../../src/inference/generation/generate';
import { logitsAgreement } from '../../../src/inference/precision/logits-agreement';
import type { ProviderName } from '../../../src/inference/runtime/providers';
import { buildTinyDecoder, cfgMemory, loadTinyDecoder } from './tiny-decoder';

const PARAMS = { useSampling: false, temperature: 1, topK: 250, topP: 0, cfgCoef: 3, seed: 0, frames: 24 };

/** Greedy run of `dec` with the reference codes forced in, so both variants see the same sequence. */
async function forcedLogits(dec: DecoderModel, force?: Int32Array) {
  const mem = cfgMemory();
  const logits: Float32Array[] = [];
  const r = await generateTokens(dec, mem, PARAMS, {
    onLogits: (_, l) => logits.push(l.slice()),
    ...(force ? { forceCodes: force } : {}),
  });
  const all = new Float32Array(logits.reduce((n, l) => n + l.length, 0));
  logits.reduce((at, l) => (all.set(l, at), at + l.length), 0);
  return { codes: r.codes, logits: all };
}

describe.each<ProviderName>(['cpu', 'webgpu'])('fp16 decoder on %s', (provider) => {
  let dir = '';
  let fp32: DecoderModel;
  let fp16: DecoderModel;
  beforeAll(async () => {
    const built = buildTinyDecoder(['fp32', 'fp16']);
    dir = built.dir;
    fp32 = await loadTinyDecoder(dir, built.lm, 'fp32', { provider });
    fp16 = await loadTinyDecoder(dir, built.lm, 'fp16', { provider });
  }, 300_000);
  afterAll(async () => {
    await fp32?.dispose();
    await fp16?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'stores its caches as float16 and passes the precision gate against fp32',
    { timeout: 300_000 },
    async () => {
      expect(fp16.provider).toBe(provider);
      expect(fp16.selfCacheStorage).toBe('fp16');
      const mem = cfgMemory();
      const kv = await fp16.crossKv(mem.data, mem.rows);
      expect(kv.k.every((t) => t.type === 'float16')).toBe(true);
      fp16.releaseCross(kv);
      const ref = await forcedLogits(fp32);
      const half = await forcedLogits(fp16, ref.codes);
      expect(half.logits.length).toBe(ref.logits.length);
      const a = logitsAgreement(ref.logits, half.logits, fp32.lm.card);
      // The gate's thresholds (rel. RMS ≤ 5 %, argmax ≥ 90 %); fp16 is far inside them on these weights.
      expect(a.relRmsLogitsError).toBeLessThan(0.01);
      expect(a.argmaxAgreement).toBeGreaterThanOrEqual(0.9);
      expect(a.relRmsLogitsError).toBeGreaterThan(0);
    },
  );
});
