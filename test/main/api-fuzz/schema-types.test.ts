// The API's input types are inferred from its runtime schema: the types handlers receive are exactly what the
// schema accepts. Checked at compile time (expectTypeOf, under `npm run typecheck`) and at run time: every
// well-typed payload generated from a method's spec parses to itself, and each literal field to one of its values.
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { api, type ApiInput, type ApiMethod } from '../../../src/shared/api';
import type { ExportOptions } from '../../../src/shared/export';
import type { SchemaSpec } from '../../../src/shared/schema';
import type { SeamCurve } from '../../../src/shared/timeline/seam-curve';
import { wellTyped } from './payloads';

const METHODS = Object.keys(api) as ApiMethod[];

/** Every value at a literal spec inside `value`, with the values that spec allows. */
function literals(spec: SchemaSpec, value: unknown): [unknown, readonly string[]][] {
  if (value === undefined || value === null) return [];
  switch (spec.kind) {
    case 'literal':
      return [[value, spec.values]];
    case 'nullable':
    case 'optional':
      return literals(spec.inner, value);
    case 'array':
      return (value as unknown[]).flatMap((v) => literals(spec.item, v));
    case 'object':
      return Object.entries(spec.fields).flatMap(([k, f]) =>
        literals(f, (value as Record<string, unknown>)[k]),
      );
    default:
      return [];
  }
}

describe('API input types from the runtime schema', () => {
  it('infers the narrow types the handlers use (no casts)', () => {
    expectTypeOf<ApiInput<'seam.set'>['curve']>().toEqualTypeOf<SeamCurve>();
    expectTypeOf<ApiInput<'export.start'>['options']>().toEqualTypeOf<ExportOptions>();
    expectTypeOf<ExportOptions['format']>().toEqualTypeOf<'mp4' | 'wav' | 'flac'>();
    expectTypeOf<ApiInput<'generate.windows'>['windowIndices']>().toEqualTypeOf<number[] | null>();
    expectTypeOf<ApiInput<'project.setPlan'>['sceneSeams']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ApiInput<'jobs.list'>>().toEqualTypeOf<void>();
  });

  it('parses every well-typed payload of every method to itself', () => {
    const arb = fc
      .constantFrom(...METHODS)
      .chain((m) => wellTyped(api[m].input.spec, {}).map((input) => ({ m, input })));
    let literalsSeen = 0;
    fc.assert(
      fc.property(arb, ({ m, input }) => {
        const parsed: unknown = api[m].input.parse(input);
        expect(parsed).toEqual(input === null ? undefined : input);
        for (const [v, allowed] of literals(api[m].input.spec, parsed)) {
          expect(allowed).toContain(v);
          literalsSeen++;
        }
      }),
      { seed: 17, numRuns: 400 },
    );
    expect(literalsSeen).toBeGreaterThan(0);
  });
});
