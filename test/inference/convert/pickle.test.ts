import { describe, expect, it } from 'vitest';
import { PickleGlobal, PickleObject, unpickle } from '../../../src/inference/convert/pickle';

const p = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x, 'latin1')] : x)));

describe('unpickle', () => {
  it('builds dicts, lists, tuples, ints, floats, strings and memo references', () => {
    // {'a': [1, 300, -2, 1.5], 'b': ('x', True, None), 'c': <memo of the list>}
    const data = p(
      [0x80, 2, 0x7d, 0x28],
      [0x58, 1, 0, 0, 0],
      'a',
      [0x5d, 0x71, 1, 0x28, 0x4b, 1, 0x4d, 44, 1],
      [0x4a, 0xfe, 0xff, 0xff, 0xff, 0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x65],
      [0x58, 1, 0, 0, 0],
      'b',
      [0x8c, 1],
      'x',
      [0x88, 0x4e, 0x87],
      [0x58, 1, 0, 0, 0],
      'c',
      [0x68, 1, 0x75, 0x2e],
    );
    const v = unpickle(data) as Map<string, unknown>;
    expect(v.get('a')).toEqual([1, 300, -2, 1.5]);
    expect(v.get('b')).toEqual(['x', true, null]);
    expect(v.get('c')).toBe(v.get('a'));
  });

  it('never calls unknown globals: REDUCE on them yields an inert record', () => {
    const data = p([0x80, 2], 'cos\nsystem\n', [0x8c, 2], 'ls', [0x85, 0x52, 0x2e]);
    const v = unpickle(data) as PickleObject;
    expect(v).toBeInstanceOf(PickleObject);
    expect(v.global).toEqual(new PickleGlobal('os', 'system'));
    expect(v.args).toEqual(['ls']);
  });

  it('refuses truncated data and unknown opcodes with the source label', () => {
    expect(() => unpickle(p([0x80, 2, 0x7d]), {}, 'f.pkl')).toThrow(/f\.pkl: ends without STOP/);
    expect(() => unpickle(p([0x80, 2, 0xff]), {}, 'g.pkl')).toThrow(/g\.pkl: unsupported opcode 0xff/);
  });
});
