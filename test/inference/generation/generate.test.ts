import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { DecoderModel } from '../../../src/inference/generation/decoder-model';
import { generateTokens } from '../../../src/inference/generation/generate';
import type { PartialCodes } from '../../../src/inference/generation/types';
import { buildTinyDecoder, cfgMemory, fixtureTensor, loadTinyDecoder } from './tiny-decoder';

const GREEDY = { useSampling: false, temperature: 1, topK: 250, topP: 0, cfgCoef: 3, seed: 0 };
const SAMPLED = { useSampling: true, temperature: 1, topK: 20, topP: 0, cfgCoef: 3 };

describe('generateTokens (fixture decoder)', () => {
  let dir = '';
  let decoder: DecoderModel;
  beforeAll(async () => {
    const built = buildTinyDecoder(['fp32']);
    dir = built.dir;
    decoder = await loadTinyDecoder(dir, built.lm);
  });
  afterAll(async () => {
    await decoder.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('greedy CFG generation reproduces the reference gen_codes exactly', async () => {
    const ref = fixtureTensor('gen_codes');
    const r = await generateTokens(decoder, cfgMemory(), { ...GREEDY, frames: 40 });
    expect(r.dims).toEqual([2, 4, 40]);
    expect(r.calls).toBe(43);
    expect(Array.from(r.codes)).toEqual(Array.from(ref.data as BigInt64Array, Number));
  });

  it('sampling is reproducible from the seed and changes with it', async () => {
    const run = async (seed: number): Promise<number[]> =>
      Array.from((await generateTokens(decoder, cfgMemory(), { ...SAMPLED, seed, frames: 20 })).codes);
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(await run(12)).not.toEqual(a);
    expect(a.every((t) => t >= 0 && t < 64)).toBe(true);
  });

  it('streams partial codes whose final frames never change, and reports progress', async () => {
    const partials: { ready: number; codes: Int32Array }[] = [];
    let lastDone = 0;
    const r = await generateTokens(
      decoder,
      cfgMemory(),
      { ...GREEDY, frames: 12 },
      {
        onPartial: (p: PartialCodes) => partials.push({ ready: p.framesReady, codes: p.codes() }),
        onProgress: (p) => {
          expect(p.stage).toBe('decode');
          expect(p.done).toBe(lastDone + 1);
          lastDone = p.done;
        },
      },
    );
    expect(lastDone).toBe(15);
    expect(partials.map((p) => p.ready)).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const p of partials)
      for (let row = 0; row < 8; row++)
        for (let t = 0; t < p.ready; t++) expect(p.codes[row * 12 + t]).toBe(r.codes[row * 12 + t]);
  });

  it('stops with a cancellation error when the signal aborts between steps', async () => {
    const ac = new AbortController();
    let steps = 0;
    const run = generateTokens(
      decoder,
      cfgMemory(),
      { ...GREEDY, frames: 40 },
      {
        signal: ac.signal,
        onProgress: () => {
          if (++steps === 5) ac.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(steps).toBe(5);
  });

  it('a continuation keeps its prompt and equals the unprompted greedy run it was cut from', async () => {
    const full = await generateTokens(decoder, cfgMemory(), { ...GREEDY, frames: 30 });
    const P = 10;
    const prompt = new Int32Array(2 * 4 * P);
    for (let r = 0; r < 8; r++) prompt.set(full.codes.subarray(r * 30, r * 30 + P), r * P);
    const cont = await generateTokens(decoder, cfgMemory(), {
      ...GREEDY,
      frames: 30,
      prompt: { codes: prompt, frames: P },
    });
    expect(cont.calls).toBe(30 + 3 - P);
    expect(Array.from(cont.codes)).toEqual(Array.from(full.codes));
  });

  it('rejects bad input with specific errors', async () => {
    const mem = cfgMemory();
    await expect(generateTokens(decoder, { ...mem, rows: 3 }, { ...GREEDY, frames: 4 })).rejects.toThrow(
      /even number of rows/,
    );
    await expect(generateTokens(decoder, mem, { ...GREEDY, frames: 0 })).rejects.toThrow(/positive integer/);
    await expect(
      generateTokens(decoder, mem, { ...GREEDY, frames: 4, prompt: { codes: new Int32Array(3), frames: 2 } }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      generateTokens(decoder, { data: new Float32Array(10), rows: 2 }, { ...GREEDY, frames: 4 }),
    ).rejects.toThrow(/video_emb/);
  });
});
