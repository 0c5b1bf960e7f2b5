import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSafetensors, writeSafetensors } from '../../../src/inference/convert/safetensors';
import { FIXTURE, tmpDir } from './helpers';

const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('safetensors', () => {
  it('round-trips tensors with sorted keys and reads them by offset', () => {
    const f = path.join(tmpDir('st'), 'm.safetensors');
    writeSafetensors(
      f,
      new Map([
        ['b', { dtype: 'float32' as const, dims: [2], bytes: bytes(new Float32Array([1.5, -2])) }],
        ['a', { dtype: 'float16' as const, dims: [1], bytes: bytes(new Uint16Array([0x4200])) }],
      ]),
    );
    const s = openSafetensors(f);
    expect(s.names()).toEqual(['a', 'b']);
    expect(Array.from(s.get('b').readF32())).toEqual([1.5, -2]);
    expect(Array.from(s.get('a').readF32())).toEqual([3]);
    expect(new Set(s.used())).toEqual(new Set(['a', 'b']));
    s.close();
  });

  it("reads the fixture codec: the 116 tensors of encodec_32khz's layout", () => {
    const s = openSafetensors(path.join(FIXTURE, 'codec/model.safetensors'));
    expect(s.names().length).toBe(116);
    expect(s.get('quantizer.layers.0.codebook.embed').dims).toEqual([2048, 16]);
    expect(s.get('decoder.layers.1.lstm.weight_ih_l0').readF32().length).toBe(4 * 64 * 64);
    s.close();
  });

  it('refuses truncated files naming the file and the tensor', () => {
    const dir = tmpDir('st');
    const f = path.join(dir, 'cut.safetensors');
    const whole = fs.readFileSync(path.join(FIXTURE, 'codec/model.safetensors'));
    fs.writeFileSync(f, whole.subarray(0, whole.length - 10));
    expect(() => openSafetensors(f)).toThrow(
      /cut\.safetensors: not a valid safetensors file \(tensor .* runs past the end of the file/,
    );
    fs.writeFileSync(f, whole.subarray(0, 4));
    expect(() => openSafetensors(f)).toThrow(/too short/);
  });
});
