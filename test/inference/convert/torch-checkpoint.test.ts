import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLmCheckpoint } from '../../../src/inference/convert/lm-checkpoint';
import { TorchCheckpoint, TorchTensor, tensorsOf } from '../../../src/inference/convert/torch-checkpoint';
import { OutTensor, writeTorchCheckpoint } from '../../../src/inference/convert/torch-writer';
import { ZipReader } from '../../../src/inference/convert/zip-reader';
import { FIXTURE, tmpDir } from './helpers';

const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function sample(): Map<string, OutTensor> {
  return new Map([
    ['w', new OutTensor('float32', [2, 3], bytes(new Float32Array([1, 2, 3, 4, 5, 6])))],
    ['half', new OutTensor('float16', [3], bytes(new Uint16Array([0x3c00, 0xc000, 0x3555])))],
    ['bf', new OutTensor('bfloat16', [2], bytes(new Uint16Array([0x3f80, 0xc040])))],
    ['ids', new OutTensor('int64', [2], bytes(new BigInt64Array([7n, -3n])))],
    [
      'chunked',
      new OutTensor('float32', [4], () => [bytes(new Float32Array([9, 8])), bytes(new Float32Array([7, 6]))]),
    ],
  ]);
}

describe('torch checkpoints', () => {
  for (const zip64 of [false, true]) {
    it(`round-trips fp32/fp16/bf16/int64 tensors through our writer and reader (zip64: ${zip64})`, () => {
      const f = path.join(tmpDir('torch'), 'ck.bin');
      writeTorchCheckpoint(
        f,
        { best_state: sample(), 'xp.cfg': 'a: 1\n', version: '1.2.0a1', exported: true },
        { zip64 },
      );
      const c = new TorchCheckpoint(f);
      const root = c.root as Map<string, unknown>;
      expect([...root.keys()]).toEqual(['best_state', 'xp.cfg', 'version', 'exported']);
      expect(root.get('exported')).toBe(true);
      const ts = tensorsOf(root.get('best_state'), 'best_state');
      expect(ts.map((t) => [t.name, t.dtype, t.dims])).toEqual([
        ['w', 'float32', [2, 3]],
        ['half', 'float16', [3]],
        ['bf', 'bfloat16', [2]],
        ['ids', 'int64', [2]],
        ['chunked', 'float32', [4]],
      ]);
      expect(ts.map((t) => Array.from(t.readF32()))).toEqual([
        [1, 2, 3, 4, 5, 6],
        [1, -2, 0.333251953125],
        [1, -3],
        [7, -3],
        [9, 8, 7, 6],
      ]);
      c.close();
    });
  }

  it('aligns every member to 64 bytes and marks zip64 archives as such', () => {
    const f = path.join(tmpDir('torch'), 'ck.bin');
    writeTorchCheckpoint(f, { best_state: sample() }, { zip64: true });
    const z = new ZipReader(f);
    expect([...z.entries.keys()]).toEqual([
      'archive/data.pkl',
      'archive/byteorder',
      'archive/data/0',
      'archive/data/1',
      'archive/data/2',
      'archive/data/3',
      'archive/data/4',
      'archive/version',
    ]);
    expect(new TextDecoder().decode(z.read('archive/version'))).toBe('3\n');
    const tail = fs.readFileSync(f).subarray(-98);
    expect(tail.readUInt32LE(0)).toBe(0x06064b50);
    z.close();
  });

  it('reads non-contiguous views (strides and storage offsets)', () => {
    const f = path.join(tmpDir('torch'), 'ck.bin');
    const storage = new Float32Array(Array.from({ length: 12 }, (_, i) => i));
    writeTorchCheckpoint(f, { best_state: new Map([['s', new OutTensor('float32', [12], bytes(storage))]]) });
    const c = new TorchCheckpoint(f);
    const base = tensorsOf((c.root as Map<string, unknown>).get('best_state'), 'x')[0];
    const transposed = new TorchTensor(c, base.storage, 1, [3, 2], [1, 4]);
    expect(transposed.contiguous).toBe(false);
    expect(Array.from(transposed.readF32())).toEqual([1, 5, 2, 6, 3, 7]);
    expect(Array.from(new TorchTensor(c, base.storage, 4, [2, 2], [2, 1]).readF32())).toEqual([4, 5, 6, 7]);
    c.close();
  });

  it('opens the fixture export: every key of state_dict_keys.json with its shape, and xp.cfg', () => {
    const ck = openLmCheckpoint(path.join(FIXTURE, 'lm/state_dict.bin'));
    const keys = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'lm/state_dict_keys.json'), 'utf8')).keys as {
      name: string;
      shape: number[];
    }[];
    expect(ck.weights.names()).toEqual(keys.map((k) => k.name));
    for (const k of keys) expect(ck.weights.get(k.name).dims).toEqual(k.shape);
    expect(ck.xpCfg).toContain('transformer_lm:');
    const pos = ck.weights.get('local_pos_embedding').readF32();
    expect(pos.length).toBe(5 * 48);
    expect(Array.from(pos.subarray(0, 3)).map((v) => v.toFixed(4))).toEqual(['-0.1258', '0.1108', '0.3330']);
    ck.close();
  });

  it('refuses truncated and non-checkpoint files with a message naming the file', () => {
    const dir = tmpDir('torch');
    const cut = path.join(dir, 'cut.bin');
    fs.writeFileSync(cut, fs.readFileSync(path.join(FIXTURE, 'lm/state_dict.bin')).subarray(0, 100_000));
    expect(() => openLmCheckpoint(cut)).toThrow(new RegExp(`${cut}: corrupt zip archive`));
    const notZip = path.join(dir, 'text.bin');
    fs.writeFileSync(notZip, 'hello');
    expect(() => openLmCheckpoint(notZip)).toThrow(
      /text\.bin: corrupt zip archive: no end-of-central-directory/,
    );
    const noExport = path.join(dir, 'plain.bin');
    writeTorchCheckpoint(noExport, { model: sample() });
    expect(() => openLmCheckpoint(noExport)).toThrow(
      /plain\.bin: not an audiocraft export \(no 'best_state' entry\)/,
    );
    expect(() => openLmCheckpoint(path.join(dir, 'missing.bin'))).toThrow(/missing\.bin: no such file/);
  });
});
