// A long code stream is decoded in pieces with context on both sides (memory of one piece), and the samples
// equal the one decode of the whole stream; cached pieces make a decode after an edit decode only the pieces
// the edit reaches. The shipped tiny bundle's EnCodec graph in onnxruntime.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio, DECODE_PIECES } from '../../../src/inference/pipeline/decode-audio';
import { PieceCache } from '../../../src/inference/pipeline/piece-cache';
import { OrtSession } from '../../../src/inference/runtime/session';

const codecFile = path.resolve('resources/models/tiny-untrained/codec_decoder.onnx');
let codec: OrtSession | null = null;
afterAll(() => codec?.dispose());

function randomCodes(frames: number): Int32Array {
  const out = new Int32Array(4 * frames);
  let x = 7;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = x % 1024;
  }
  return out;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  let e = a.length === b.length ? 0 : Infinity;
  for (let n = 0; n < Math.min(a.length, b.length); n++) e = Math.max(e, Math.abs(a[n]! - b[n]!));
  return e;
};

describe('decodeAudio in pieces', () => {
  it('equals the one decode of the whole stream within 1e-5', async () => {
    codec = await OrtSession.load(codecFile, { provider: 'cpu', intraOpThreads: 1 });
    const frames = 730;
    const codes = randomCodes(frames);
    const samples = frames * 640 - 123;
    const whole = await decodeAudio(codec, codes, 4, samples, { core: frames, left: 0, right: 0 });
    expect(whole.length).toBe(samples);
    // The default's context with short cores (five pieces, the last one partial), and a shorter context.
    for (const pieces of [
      { ...DECODE_PIECES, core: 160 },
      { core: 200, left: 100, right: 20 },
    ]) {
      const cut = await decodeAudio(codec, codes, 4, samples, pieces);
      expect(cut.length).toBe(samples);
      expect(maxAbsDiff(cut, whole)).toBeLessThanOrEqual(1e-5);
    }
    // Without context the pieces' edges differ from the one decode: the context is what makes them equal.
    const bare = await decodeAudio(codec, codes, 4, samples, { core: 160, left: 0, right: 0 });
    expect(maxAbsDiff(bare, whole)).toBeGreaterThan(1e-3);
  });
});

describe('decoded pieces cache', () => {
  it('decodes again only the pieces whose context holds changed codes, with the same samples', async () => {
    codec ??= await OrtSession.load(codecFile, { provider: 'cpu', intraOpThreads: 1 });
    const frames = 730;
    const pieces = { core: 160, left: 60, right: 10 };
    const cache = new PieceCache();
    const codes = randomCodes(frames);
    const first = await decodeAudio(codec, codes, 4, frames * 640, pieces, cache);
    expect(cache.misses).toBe(5);
    expect(await decodeAudio(codec, codes, 4, frames * 640, pieces, cache)).toEqual(first);
    expect(cache.misses).toBe(5);
    // New codes from frame 600 on (the last window of a run switched): pieces 3 (its right context reaches
    // frame 650) and 4 are decoded again, and the result is the uncached decode of the new codes.
    const edited = codes.slice();
    for (let k = 0; k < 4; k++)
      for (let f = 600; f < frames; f++) edited[k * frames + f] = (f * 7 + k) % 1024;
    const again = await decodeAudio(codec, edited, 4, frames * 640, pieces, cache);
    expect(cache.misses).toBe(7);
    expect(again).toEqual(await decodeAudio(codec, edited, 4, frames * 640, pieces));
  });
});
