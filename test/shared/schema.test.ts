import { describe, expect, it } from 'vitest';
import { api } from '../../src/shared/api';
import { int, object, optional, string } from '../../src/shared/schema';

describe('runtime schema', () => {
  const s = object({ id: string({ min: 1, max: 10 }), n: optional(int(0, 5)) });

  it('rejects keys inherited names would let through (__proto__, constructor, toString)', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(() => s.parse(JSON.parse(`{"id":"a","${key}":1}`))).toThrow(`${key}: unknown field`);
    expect(s.parse(JSON.parse('{"id":"a"}'))).toEqual({ id: 'a' });
  });

  it('describes itself as data: kinds, bounds and fields', () => {
    expect(s.spec).toEqual({
      kind: 'object',
      fields: {
        id: { kind: 'string', min: 1, max: 10 },
        n: { kind: 'optional', inner: { kind: 'number', min: 0, max: 5, integer: true } },
      },
    });
    expect(api['history.undo'].input.spec).toEqual({
      kind: 'object',
      fields: { projectId: { kind: 'string', min: 1, max: 200 } },
    });
  });
});
