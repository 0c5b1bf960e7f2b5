// A small runtime schema library: every payload that crosses into main (IPC, bridge) is validated
// against the schema its API method declares, and the static type is inferred from the same schema.

/** A validator that returns the value typed, or throws a SchemaError naming the path. */
export interface Schema<T> {
  readonly parse: (value: unknown, path?: string) => T;
  readonly describe: string;
  /** What the schema accepts, as data (tests derive payload generators from it). */
  readonly spec: SchemaSpec;
}

/** The structure of a schema: its kind and bounds, and the specs of what it contains. */
export type SchemaSpec =
  | { kind: 'string'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'literal'; values: readonly string[] }
  | { kind: 'nullable'; inner: SchemaSpec }
  | { kind: 'optional'; inner: SchemaSpec }
  | { kind: 'array'; item: SchemaSpec; max: number }
  | { kind: 'object'; fields: Readonly<Record<string, SchemaSpec>> }
  | { kind: 'none' };

/** Static type of a schema. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A payload that does not match its schema. */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

const fail = (path: string, want: string, got: unknown): never => {
  const shown = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  throw new SchemaError(`${path || 'value'}: expected ${want}, got ${shown}`);
};

const make = <T>(describe: string, spec: SchemaSpec, parse: (v: unknown, path: string) => T): Schema<T> => ({
  describe,
  spec,
  parse: (v, path = '') => parse(v, path),
});

const DEFAULT_MAX_CHARS = 65536;

/** Any string, optionally bounded in length. */
export const string = (opts: { min?: number; max?: number } = {}): Schema<string> => {
  const min = opts.min ?? 0;
  const max = opts.max ?? DEFAULT_MAX_CHARS;
  return make('string', { kind: 'string', min, max }, (v, p) => {
    if (typeof v !== 'string') return fail(p, 'string', v);
    if (v.length < min) return fail(p, `string of at least ${min} chars`, v);
    if (v.length > max) return fail(p, `string of at most ${max} chars`, v);
    return v;
  });
};

/** A finite number within optional bounds; `integer` demands a safe integer. */
export const number = (opts: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> =>
  make(
    opts.integer ? 'integer' : 'number',
    {
      kind: 'number',
      min: opts.min ?? -Number.MAX_VALUE,
      max: opts.max ?? Number.MAX_VALUE,
      integer: opts.integer ?? false,
    },
    (v, p) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(p, 'finite number', v);
      if (opts.integer && !Number.isSafeInteger(v)) return fail(p, 'integer', v);
      if (opts.min !== undefined && v < opts.min)
        throw new SchemaError(`${p || 'value'}: must be ≥ ${opts.min}`);
      if (opts.max !== undefined && v > opts.max)
        throw new SchemaError(`${p || 'value'}: must be ≤ ${opts.max}`);
      return v;
    },
  );

/** A whole number (≥ min, default 0). */
export const int = (min = 0, max = Number.MAX_SAFE_INTEGER): Schema<number> =>
  number({ integer: true, min, max });

/** A boolean. */
export const boolean = (): Schema<boolean> =>
  make('boolean', { kind: 'boolean' }, (v, p) => (typeof v === 'boolean' ? v : fail(p, 'boolean', v)));

/** One of the listed string literals. */
export const literal = <const L extends readonly string[]>(...values: L): Schema<L[number]> =>
  make(values.join('|'), { kind: 'literal', values }, (v, p) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as L[number])
      : fail(p, values.join('|'), v),
  );

/** The value or null. */
export const nullable = <T>(s: Schema<T>): Schema<T | null> =>
  make(`${s.describe}|null`, { kind: 'nullable', inner: s.spec }, (v, p) =>
    v === null ? null : s.parse(v, p),
  );

/** The value or undefined (for optional object fields). */
export const optional = <T>(s: Schema<T>): Schema<T | undefined> =>
  make(`${s.describe}?`, { kind: 'optional', inner: s.spec }, (v, p) =>
    v === undefined ? undefined : s.parse(v, p),
  );

/** An array of items, at most `max` long. */
export const array = <T>(item: Schema<T>, max = 100000): Schema<T[]> =>
  make(`${item.describe}[]`, { kind: 'array', item: item.spec, max }, (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'array', v);
    if (v.length > max) throw new SchemaError(`${p || 'value'}: at most ${max} items`);
    return v.map((x, i) => item.parse(x, `${p}[${i}]`));
  });

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

const specsOf = (shape: Shape): Record<string, SchemaSpec> =>
  Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.spec]));

/** A plain object with exactly these fields (unknown fields are rejected). */
export const object = <S extends Shape>(shape: S): Schema<ObjectOf<S>> =>
  make('object', { kind: 'object', fields: specsOf(shape) }, (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'object', v);
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec))
      if (!Object.hasOwn(shape, k)) throw new SchemaError(`${p ? p + '.' : ''}${k}: unknown field`);
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(shape)) {
      const parsed = s.parse(rec[k], p ? `${p}.${k}` : k);
      if (parsed !== undefined) out[k] = parsed;
    }
    return out as ObjectOf<S>;
  });

/** No payload. */
export const none = (): Schema<void> =>
  make('nothing', { kind: 'none' }, (v, p) =>
    v === undefined || v === null ? undefined : fail(p, 'nothing', v),
  );
