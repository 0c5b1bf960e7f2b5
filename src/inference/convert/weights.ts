// The one interface graph builders read checkpoint tensors through. Readers (torch zip/pickle,
// safetensors) implement it; a manifest-backed source (shapes only) drives the full-size dry run.

/** Element types a checkpoint tensor may be stored in. */
export type StoredDType = 'float32' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'uint8' | 'bool';

/** One named tensor: its shape is known up front, its values are read on demand as float32. */
export interface WeightEntry {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dtype: StoredDType;
  /** Reads (and converts) the values into a new C-order Float32Array. Never called in a dry run. */
  readF32(): Float32Array;
}

/** A set of named tensors; `get` records which keys a conversion used. */
export interface WeightSource {
  /** Every key, in checkpoint order. */
  names(): string[];
  has(name: string): boolean;
  /** The entry for a key; throws an error naming the key when it is missing. Marks the key used. */
  get(name: string): WeightEntry;
  /** Keys that `get` has returned so far. */
  used(): ReadonlySet<string>;
}

/** A WeightSource over a list of entries (used by readers and tests). */
export class MapWeightSource implements WeightSource {
  private readonly byName = new Map<string, WeightEntry>();
  private readonly usedKeys = new Set<string>();

  constructor(
    entries: Iterable<WeightEntry>,
    private readonly label = 'checkpoint',
  ) {
    for (const e of entries) this.byName.set(e.name, e);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): WeightEntry {
    const e = this.byName.get(name);
    if (!e) throw new Error(`${this.label}: missing tensor "${name}"`);
    this.usedKeys.add(name);
    return e;
  }

  used(): ReadonlySet<string> {
    return this.usedKeys;
  }
}

/** A WeightSource view of the keys under a prefix (e.g. "visual_encoder_model."), marking usage in the parent. */
export class PrefixedWeightSource implements WeightSource {
  constructor(
    private readonly parent: WeightSource,
    private readonly prefix: string,
  ) {}

  names(): string[] {
    return this.parent
      .names()
      .filter((n) => n.startsWith(this.prefix))
      .map((n) => n.slice(this.prefix.length));
  }

  has(name: string): boolean {
    return this.parent.has(this.prefix + name);
  }

  get(name: string): WeightEntry {
    return this.parent.get(this.prefix + name);
  }

  used(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const k of this.parent.used()) if (k.startsWith(this.prefix)) out.add(k.slice(this.prefix.length));
    return out;
  }
}
