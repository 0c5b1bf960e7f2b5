// Payload generators derived from the API's runtime schema (each schema's `spec`): well-typed values
// (bounds included), ill-typed ones (each way a spec can be violated) and hostile values of any shape.
// Fields named in `pools` draw their domain values (ids, paths) from there: known, unknown and odd ones.
import fc from 'fast-check';
import type { SchemaSpec } from '../../../src/shared/schema';

/** Domain values by field name (projectId, path, ...): what a client would send there. */
export type Pools = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** Fields that take only their pool's values: a made-up export destination would really be written. */
const CLOSED_FIELDS = new Set(['outputPath']);

/** A string of 100 kB. */
export const LONG_STRING = 'x'.repeat(100 * 1024);

/** An object whose own keys include `__proto__` (as JSON.parse makes it), plus the given fields. */
export function withProtoKey(fields: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = { ...fields };
  Object.defineProperty(o, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return o;
}

const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { a: [deep(levels - 1)] });

/** Values that fit no field well: every JSON type at its edges, odd keys, deep nesting. */
export const HOSTILE: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
  NaN,
  Infinity,
  -Infinity,
  '',
  ' ',
  '\0',
  '\u202e\ud800',
  'null',
  '1',
  LONG_STRING,
  [],
  [null],
  {},
  withProtoKey({}, { polluted: true }),
  { constructor: { prototype: { polluted: true } } },
  { toString: 'x', valueOf: 1, hasOwnProperty: null },
  deep(64),
];

/** Values only the IPC path can carry (structured clone, not JSON). */
export const IPC_ONLY: readonly unknown[] = [
  undefined,
  new Date(0),
  new Map([['projectId', 'x']]),
  new Set([1]),
  new Uint8Array([1, 2, 3]),
  10n,
  /x/g,
  [undefined, NaN],
];

/** Keys a client may add to a payload; none is part of any method's input. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'extra', ''];

function boundaryNumbers(s: Extract<SchemaSpec, { kind: 'number' }>): number[] {
  const lo = Math.max(s.min, -Number.MAX_SAFE_INTEGER);
  const hi = Math.min(s.max, Number.MAX_SAFE_INTEGER);
  const step = s.integer ? 1 : (hi - lo) / 1e6;
  return [lo, hi, lo + step, hi - step, Math.max(lo, Math.min(hi, 0))].filter((n) => n >= lo && n <= hi);
}

function wellNumber(s: Extract<SchemaSpec, { kind: 'number' }>): fc.Arbitrary<number> {
  const bounds = fc.constantFrom(...boundaryNumbers(s));
  if (!s.integer) return fc.oneof(bounds, fc.double({ min: s.min, max: s.max, noNaN: true }));
  const lo = Math.max(s.min, -(2 ** 31));
  const hi = Math.min(s.max, 2 ** 31 - 1);
  return fc.oneof(bounds, fc.integer({ min: lo, max: hi }));
}

function wellString(s: Extract<SchemaSpec, { kind: 'string' }>): fc.Arbitrary<string> {
  const small = Math.min(s.max, 40);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: s.min, maxLength: small }) },
    { weight: 1, arbitrary: fc.string({ minLength: s.min, maxLength: small, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.constant('é'.repeat(Math.min(s.max, 100 * 1024))) },
  );
}

/** Values that satisfy `spec`; a string field named in `pools` mostly takes the pool's values. */
export function wellTyped(spec: SchemaSpec, pools: Pools, field?: string): fc.Arbitrary<unknown> {
  const pool = field !== undefined ? pools[field] : undefined;
  switch (spec.kind) {
    case 'string':
      if (pool && CLOSED_FIELDS.has(field ?? '')) return pool;
      return pool
        ? fc.oneof({ weight: 6, arbitrary: pool }, { weight: 1, arbitrary: wellString(spec) })
        : wellString(spec);
    case 'number':
      return pool ? fc.oneof(pool, wellNumber(spec)) : wellNumber(spec);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...spec.values);
    case 'nullable':
      return fc.oneof(fc.constant(null), wellTyped(spec.inner, pools, field));
    case 'optional':
      return wellTyped(spec.inner, pools, field);
    case 'array':
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(wellTyped(spec.item, pools, field), { maxLength: 5 }) },
        {
          weight: 1,
          arbitrary: wellTyped(spec.item, pools, field).map((v) => new Array<unknown>(spec.max).fill(v)),
        },
      );
    case 'object': {
      const model = Object.fromEntries(
        Object.entries(spec.fields).map(([k, f]) => [k, wellTyped(f, pools, k)]),
      );
      const requiredKeys = Object.entries(spec.fields)
        .filter(([, f]) => f.kind !== 'optional')
        .map(([k]) => k);
      return fc.record(model, { requiredKeys });
    }
    case 'none':
      return fc.constantFrom(undefined, null);
  }
}

/** Ways to break one spec (not every value is guaranteed invalid: the judge asks the schema). */
function violations(spec: SchemaSpec): unknown[] {
  switch (spec.kind) {
    case 'string':
      return [0, null, [], {}, true, 'x'.repeat(spec.max + 1), ...(spec.min > 0 ? [''] : []), LONG_STRING];
    case 'number':
      return [
        NaN,
        Infinity,
        -Infinity,
        '1',
        null,
        true,
        [],
        spec.min - 1,
        spec.max + 1,
        ...(spec.integer ? [0.5, 2 ** 53] : []),
        1e308,
        -1e308,
      ];
    case 'boolean':
      return [0, 1, 'true', null, 'false'];
    case 'literal':
      return ['', spec.values[0].toUpperCase(), `${spec.values[0]} `, 0, null];
    case 'nullable':
    case 'optional':
      return violations(spec.inner).filter((v) => v !== null && v !== undefined);
    case 'array':
      return [{}, 'x', null, [null], new Array(spec.max + 1).fill(0)];
    case 'object':
      return [null, [], 'x', 0];
    case 'none':
      return [{}, [], 0, '', false, 'x'];
  }
}

/** Values that break `spec` at one place: the top, one field (recursively), a missing field or an extra key. */
export function illTyped(spec: SchemaSpec, pools: Pools): fc.Arbitrary<unknown> {
  const top = fc.constantFrom(...violations(spec), ...HOSTILE);
  if (spec.kind !== 'object' || Object.keys(spec.fields).length === 0) return top;
  const fields = Object.keys(spec.fields);
  const good = wellTyped(spec, pools) as fc.Arbitrary<Record<string, unknown>>;
  const oneBad = fc
    .tuple(good, fc.constantFrom(...fields))
    .chain(([o, k]) => illTyped(spec.fields[k], pools).map((v) => ({ ...o, [k]: v })));
  const missing = fc.tuple(good, fc.constantFrom(...fields)).map(([o, k]) => {
    const copy = { ...o };
    delete copy[k];
    return copy;
  });
  const extra = fc
    .tuple(good, fc.constantFrom(...EXTRA_KEYS), fc.constantFrom(...HOSTILE))
    .map(([o, k, v]) => (k === '__proto__' ? withProtoKey(o, v) : { ...o, [k]: v }));
  return fc.oneof(top, oneBad, missing, extra);
}

/** Inputs of one method: well-typed, ill-typed and hostile, in about equal measure. */
export function inputFor(spec: SchemaSpec, pools: Pools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: wellTyped(spec, pools) },
    { weight: 3, arbitrary: illTyped(spec, pools) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  );
}
