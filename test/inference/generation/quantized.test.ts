import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npyToF32 } from '../../../src/inference/convert/npy';
import type { DecoderModel } from '../../../src/inference/generation/decoder-model';
import { KvCache } from '../../../src/inference/generation/kv-cache';
import { StepFeeds } from '../../../src/inference/generation/step-feeds';
import { generateTokens } from '../../../src/inference/generation/generate';
import { teacherForcedLogits } from '../../../src/inference/generation/teacher-forced';
import { buildTinyDecoder, cfgMemory, fixtureTensor, loadTinyDecoder } from './tiny-decoder';

/** Full causal forward of the fixture's pattern sequence (cfg 1 on duplicated rows): logits [2, 4, 13, 64]. */
async function patternLogits(decoder: DecoderModel): Promise<Float32Array> {
  const seqRef = fixtureTensor('logits_pattern_sequence');
  const [B, K, S] = seqRef.shape;
  const emb = npyToF32(fixtureTensor('video_emb'));
  const memory = new Float32Array(2 * emb.length);
  memory.set(emb);
  memory.set(emb, emb.length);
  const lm = decoder.lm;
  const cross = await decoder.crossKv(memory, 2 * B);
  const cache = new KvCache(
    { layers: lm.numLayers, rows: 2 * B, heads: lm.numHeads, headDim: lm.dim / lm.numHeads },
    S,
    decoder.selfCacheStorage,
  );
  const out = await decoder.run(
    new StepFeeds(2 * B, K, cross, 1).build(
      Int32Array.from(seqRef.data as BigInt64Array, Number),
      S,
      0,
      S,
      cache,
    ),
  );
  return out.logits.data as Float32Array;
}

const maxErr = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('quantised decoder variants (fixture decoder)', () => {
  let dir = '';
  const decoders: Record<string, DecoderModel> = {};
  beforeAll(async () => {
    const built = buildTinyDecoder(['fp32', 'q8', 'q4', 'q8-kv8']);
    dir = built.dir;
    for (const v of ['fp32', 'q8', 'q4', 'q8-kv8'] as const)
      decoders[v] = await loadTinyDecoder(dir, built.lm, v);
  });
  afterAll(async () => {
    for (const d of Object.values(decoders)) await d.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stay close to the fp32 logits (|logits| reach 14.5): q8 within 0.25 (0.17 seen), q4 within 2.5 (1.74 seen), q8 with int8 cross K/V within 0.25 (0.17 seen); a packing error would be ~10', async () => {
    const ref = npyToF32(fixtureTensor('logits_pattern_logits'));
    expect(maxErr(await patternLogits(decoders.fp32), ref)).toBeLessThanOrEqual(1e-4);
    expect(maxErr(await patternLogits(decoders.q8), ref)).toBeLessThanOrEqual(0.25);
    expect(maxErr(await patternLogits(decoders.q4), ref)).toBeLessThanOrEqual(2.5);
    expect(maxErr(await patternLogits(decoders['q8-kv8']), ref)).toBeLessThanOrEqual(0.25);
  });

  it('q8-kv8 keeps its self-attention cache as int8 (fp32 and q8 as float32), and steps read from it stay within 0.25 of the reference logits', async () => {
    expect(decoders['q8-kv8'].selfCacheStorage).toBe('kv8');
    expect(decoders.fp32.selfCacheStorage).toBe('fp32');
    expect(decoders.q8.selfCacheStorage).toBe('fp32');
    const seqRef = fixtureTensor('logits_pattern_sequence');
    const [B, , S] = seqRef.shape;
    const emb = npyToF32(fixtureTensor('video_emb'));
    const memory = new Float32Array(2 * emb.length);
    memory.set(emb);
    memory.set(emb, emb.length);
    const seq = Int32Array.from(seqRef.data as BigInt64Array, Number);
    const ref = npyToF32(fixtureTensor('logits_pattern_logits'));
    // Steps 5.. read steps 0..4 from the cache: exact in float32, int8-rounded in q8-kv8.
    const split = async (v: string): Promise<Float32Array> => {
      const cross = await decoders[v].crossKv(memory, 2 * B);
      return teacherForcedLogits(decoders[v], cross, { seq, steps: S, count: S, split: 5 }, 2 * B, 1);
    };
    expect(maxErr(await split('fp32'), ref)).toBeLessThanOrEqual(1e-4);
    const kv8 = await split('q8-kv8');
    expect(maxErr(kv8, ref)).toBeLessThanOrEqual(0.25);
    expect(maxErr(kv8, await patternLogits(decoders['q8-kv8']))).toBeGreaterThan(0);
  });

  it('generate valid, reproducible codes', async () => {
    for (const v of ['q8', 'q4', 'q8-kv8']) {
      const params = {
        useSampling: false,
        temperature: 1,
        topK: 250,
        topP: 0,
        cfgCoef: 3,
        seed: 0,
        frames: 20,
      };
      const a = await generateTokens(decoders[v], cfgMemory(), params);
      const b = await generateTokens(decoders[v], cfgMemory(), params);
      expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
      expect(Array.from(a.codes).every((c) => c >= 0 && c < 64)).toBe(true);
    }
  });
});
