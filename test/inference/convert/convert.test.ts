import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertBundle } from '../../../src/inference/convert/convert';
import { loadBundle } from '../../../src/inference/bundle/loader';
import { OutTensor, writeTorchCheckpoint } from '../../../src/inference/convert/torch-writer';
import { TorchCheckpoint } from '../../../src/inference/convert/torch-checkpoint';
import { FIXTURE, tmpDir } from './helpers';

const lm = path.join(FIXTURE, 'lm/state_dict.bin');
const codec = path.join(FIXTURE, 'codec');

describe('convertBundle', () => {
  it('converts the fixture into a bundle the loader accepts, with progress up to the planned bytes', async () => {
    const out = path.join(tmpDir('conv'), 'bundle');
    const stages = new Map<string, { done: number; total: number }>();
    const m = await convertBundle({
      lmCheckpoint: lm,
      codecDir: codec,
      outDir: out,
      trained: false,
      onProgress: (p) => stages.set(p.stage, p),
    });
    expect(m.format).toBe(1);
    expect(m.audio).toEqual({
      sampleRate: 32000,
      channels: 1,
      frameRate: 50,
      hopLength: 640,
      codebooks: 4,
      card: 64,
      specialToken: 64,
      delays: [0, 1, 2, 3],
    });
    expect(m.video).toMatchObject({ fps: 2, imageSize: 32, tokensPerFrame: 5 });
    for (const s of ['convert', 'verify']) expect(stages.get(s)!.done).toBe(stages.get(s)!.total);
    expect((await loadBundle(out)).id).toBe(m.id);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['bundle']);
  });

  it('writes fp16 weights with --fp16 (smaller external data)', async () => {
    const dir = tmpDir('conv');
    const a = await convertBundle({
      lmCheckpoint: lm,
      codecDir: codec,
      outDir: path.join(dir, 'a'),
      decoderVariants: ['fp32'],
    });
    const b = await convertBundle({
      lmCheckpoint: lm,
      codecDir: codec,
      outDir: path.join(dir, 'b'),
      decoderVariants: ['fp32'],
      fp16: true,
    });
    const size = (m: typeof a, role: string): number =>
      m.graphs.find((g) => g.role === role)!.dataFile!.bytes;
    expect(size(b, 'lstv')).toBeLessThan(size(a, 'lstv') * 0.6);
    expect(size(b, 'codec_decoder')).toBeLessThan(size(a, 'codec_decoder') * 0.6);
  });

  it('leaves nothing behind when cancelled', async () => {
    const dir = tmpDir('conv');
    const ac = new AbortController();
    const run = convertBundle({
      lmCheckpoint: lm,
      codecDir: codec,
      outDir: path.join(dir, 'x'),
      signal: ac.signal,
      onProgress: (p) => {
        if (p.stage === 'convert' && p.done > 0) ac.abort();
      },
    });
    await expect(run).rejects.toThrow('Conversion cancelled');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses an existing non-empty output folder and a missing codec', async () => {
    const dir = tmpDir('conv');
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    await expect(convertBundle({ lmCheckpoint: lm, codecDir: codec, outDir: dir })).rejects.toThrow(
      `${dir}: already exists and is not an empty folder`,
    );
    const out = path.join(tmpDir('conv'), 'o');
    await expect(convertBundle({ lmCheckpoint: lm, codecDir: '/nonexistent', outDir: out })).rejects.toThrow(
      '/nonexistent/config.json: codec config.json not found',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a checkpoint that lacks a tensor, naming the file and the key', async () => {
    const dir = tmpDir('conv');
    const ck = new TorchCheckpoint(lm);
    const root = ck.root as Map<string, unknown>;
    const state = new Map<string, OutTensor>();
    for (const [k, t] of root.get('best_state') as Map<
      string,
      { dtype: 'float32'; dims: number[]; readBytes(): Uint8Array }
    >)
      if (k !== 'multi_head_cross_attention.final_linear.bias')
        state.set(k, new OutTensor(t.dtype, t.dims, t.readBytes()));
    ck.close();
    const bad = path.join(dir, 'state_dict.bin');
    writeTorchCheckpoint(bad, { best_state: state, 'xp.cfg': root.get('xp.cfg') as string });
    await expect(
      convertBundle({ lmCheckpoint: bad, codecDir: codec, outDir: path.join(dir, 'o') }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: `${bad}: the checkpoint has no tensor "multi_head_cross_attention.final_linear.bias" (not a VidMuse/EnCodec checkpoint of the expected layout)`,
    });
    expect(fs.readdirSync(dir)).toEqual(['state_dict.bin']);
  });

  it('accepts CLIP position_ids that older transformers saved, with a note in model.json', async () => {
    const dir = tmpDir('conv');
    const ck = new TorchCheckpoint(lm);
    const root = ck.root as Map<string, unknown>;
    const state = new Map<string, OutTensor>();
    for (const [k, t] of root.get('best_state') as Map<
      string,
      { dtype: 'float32'; dims: number[]; readBytes(): Uint8Array }
    >)
      state.set(k, new OutTensor(t.dtype, t.dims, t.readBytes()));
    ck.close();
    const ids = new BigInt64Array([0n, 1n, 2n, 3n, 4n]);
    const key = 'visual_encoder_model.vision_model.embeddings.position_ids';
    state.set(key, new OutTensor('int64', [1, 5], new Uint8Array(ids.buffer)));
    const old = path.join(dir, 'state_dict.bin');
    writeTorchCheckpoint(old, { best_state: state, 'xp.cfg': root.get('xp.cfg') as string });
    const notes: string[] = [];
    const out = path.join(dir, 'o');
    const m = await convertBundle({
      lmCheckpoint: old,
      codecDir: codec,
      outDir: out,
      onNote: (n) => notes.push(n),
    });
    expect(notes).toEqual([
      `state_dict.bin: ignored ${key}: a buffer that older transformers versions saved with CLIP (the position ids 0…n−1, implied by the graph)`,
    ]);
    expect(m.conversionNotes).toEqual(notes);
    expect((await loadBundle(out)).conversionNotes).toEqual(notes);
  });

  it("writes the official sampling defaults whatever xp.cfg holds, and keeps xp.cfg's as information", async () => {
    const dir = tmpDir('conv');
    const ck = new TorchCheckpoint(lm);
    const root = ck.root as Map<string, unknown>;
    const state = new Map<string, OutTensor>();
    for (const [k, t] of root.get('best_state') as Map<
      string,
      { dtype: 'float32'; dims: number[]; readBytes(): Uint8Array }
    >)
      state.set(k, new OutTensor(t.dtype, t.dims, t.readBytes()));
    ck.close();
    const cfg = (root.get('xp.cfg') as string)
      .replace('inference_coef: 3.0', 'inference_coef: 5.0')
      .replace('top_k: 250', 'top_k: 0')
      .replace('top_p: 0.0', 'top_p: 0.9');
    const other = path.join(dir, 'state_dict.bin');
    writeTorchCheckpoint(other, { best_state: state, 'xp.cfg': cfg });
    const m = await convertBundle({ lmCheckpoint: other, codecDir: codec, outDir: path.join(dir, 'o') });
    expect(m.generation).toEqual({
      temperature: 1,
      topK: 250,
      topP: 0,
      cfgCoef: 3,
      windowSeconds: 30,
      overlapSeconds: 2,
    });
    expect(m.trainingConfigGeneration).toEqual({ temperature: 1, topK: 0, topP: 0.9, cfgCoef: 5 });
  });

  it('refuses a checkpoint with a tensor that no graph uses', async () => {
    const dir = tmpDir('conv');
    const ck = new TorchCheckpoint(lm);
    const root = ck.root as Map<string, unknown>;
    const state = new Map<string, OutTensor>();
    for (const [k, t] of root.get('best_state') as Map<
      string,
      { dtype: 'float32'; dims: number[]; readBytes(): Uint8Array }
    >)
      state.set(k, new OutTensor(t.dtype, t.dims, t.readBytes()));
    ck.close();
    state.set('mystery.weight', new OutTensor('float32', [2], new Uint8Array(8)));
    const bad = path.join(dir, 'state_dict.bin');
    writeTorchCheckpoint(bad, { best_state: state, 'xp.cfg': root.get('xp.cfg') as string });
    await expect(
      convertBundle({ lmCheckpoint: bad, codecDir: codec, outDir: path.join(dir, 'o') }),
    ).rejects.toThrow(
      `${bad}: 1 tensors are not used by any graph (unexpected checkpoint layout?): mystery.weight`,
    );
    expect(fs.readdirSync(dir)).toEqual(['state_dict.bin']);
  });
});
