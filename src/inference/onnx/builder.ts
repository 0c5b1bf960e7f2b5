// A small ONNX graph builder: inputs, outputs, initializers and nodes, serialised with onnx-proto.
// Large initializers are streamed to an external-data sink as they are added, so a graph over 2 GB
// (and a checkpoint being converted) is never held in memory twice.
import onnxProto from 'onnx-proto';
import type { ExternalDataSink } from './external-data';

const { onnx } = onnxProto;

/** ONNX element types used by our graphs. */
export const DType = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  bfloat16: 16,
} as const;
/** Name of an ONNX element type. */
export type DTypeName = keyof typeof DType;

/** A dimension: a fixed size or a symbolic name. */
export type Dim = number | string;

/** Raw bytes of a tensor with its element type and shape. */
export interface TensorData {
  dtype: DTypeName;
  dims: readonly number[];
  bytes: Uint8Array;
}

/** A float attribute that must stay float even when it is a whole number. */
export class FloatAttr {
  constructor(readonly value: number) {}
}
/** A float-list attribute. */
export class FloatsAttr {
  constructor(readonly value: readonly number[]) {}
}
/** Marks a number as a float attribute (e.g. epsilon = 1). */
export const f = (v: number): FloatAttr => new FloatAttr(v);
/** Marks a list of numbers as a float-list attribute. */
export const floats = (v: readonly number[]): FloatsAttr => new FloatsAttr(v);

/** Attribute values: integers, floats (non-integral or via f()), strings, int lists, float lists, tensors. */
export type AttrValue = number | string | readonly number[] | FloatAttr | FloatsAttr | TensorData;

/** Options of one node. */
export interface NodeOptions {
  /** Number of outputs (auto-named) or their names. Default 1. */
  outputs?: number | string[];
  /** Operator domain, e.g. 'com.microsoft'. */
  domain?: string;
  /** Node name (for profiling). */
  name?: string;
}

const bytesPerElement: Record<DTypeName, number> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  int32: 4,
  int64: 8,
  bool: 1,
  float16: 2,
  bfloat16: 2,
};

/** Bytes of one element of a dtype. */
export const elementBytes = (t: DTypeName): number => bytesPerElement[t];

/** Initializers at or above this size go to external data when a sink is given. */
const EXTERNAL_THRESHOLD = 1024;

/** Builds one ONNX graph. */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly initNames = new Set<string>();
  private counter = 0;
  private readonly domains = new Set<string>();

  /** Initializers recorded by name with their shape (also in dry mode). */
  readonly initShapes = new Map<string, { dtype: DTypeName; dims: number[] }>();

  /**
   * @param sink where large initializers are streamed (null: embedded in the model)
   * @param dry record initializer names and shapes only, never produce their bytes (full-size dry runs)
   */
  constructor(
    readonly name: string,
    private readonly sink: ExternalDataSink | null = null,
    readonly opset = 17,
    readonly dry = false,
  ) {}

  /**
   * Adds an initializer whose bytes are produced on demand: in dry mode `produce` is never called, so a
   * full-size model can be mapped from its key list alone. Returns its name.
   */
  initLazy(name: string, dtype: DTypeName, dims: readonly number[], produce: () => Uint8Array): string {
    if (this.dry) {
      if (this.initNames.has(name)) throw new Error(`initializer ${name} defined twice`);
      this.initNames.add(name);
      this.initShapes.set(name, { dtype, dims: [...dims] });
      return name;
    }
    return this.init(name, { dtype, dims, bytes: produce() });
  }

  /** Declares a graph input and returns its name. */
  input(name: string, dtype: DTypeName, shape: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /** Declares a graph output: `value` is renamed to `name` through an Identity when they differ. */
  output(value: string, name: string, dtype: DTypeName, shape: readonly Dim[]): string {
    if (value !== name) this.op('Identity', [value], {}, { outputs: [name] });
    this.outputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /** Adds an initializer (weights); large ones stream to the external-data sink. Returns its name. */
  init(name: string, t: TensorData): string {
    if (this.initNames.has(name)) throw new Error(`initializer ${name} defined twice`);
    this.initNames.add(name);
    this.initShapes.set(name, { dtype: t.dtype, dims: [...t.dims] });
    const proto: onnxProto.onnx.ITensorProto = { name, dataType: DType[t.dtype], dims: [...t.dims] };
    const expected = t.dims.reduce((a, b) => a * b, 1) * bytesPerElement[t.dtype];
    if (t.bytes.byteLength !== expected)
      throw new Error(`initializer ${name}: ${t.bytes.byteLength} bytes for shape [${t.dims}] ${t.dtype}`);
    if (this.sink && t.bytes.byteLength >= EXTERNAL_THRESHOLD) {
      const { offset, length } = this.sink.append(t.bytes);
      proto.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      proto.externalData = [
        { key: 'location', value: this.sink.fileName },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ];
    } else {
      proto.rawData = t.bytes;
    }
    this.initializers.push(proto);
    return name;
  }

  /** True when an initializer of that name exists. */
  hasInit(name: string): boolean {
    return this.initNames.has(name);
  }

  /** A float32 constant initializer from numbers (always materialised, also in dry mode). */
  constF32(values: readonly number[], dims: readonly number[] = [values.length], name?: string): string {
    return this.init(name ?? this.fresh('c'), {
      dtype: 'float32',
      dims,
      bytes: u8(new Float32Array(values)),
    });
  }

  /** An int64 constant initializer from numbers (shapes, axes, indices). */
  constI64(values: readonly number[], dims: readonly number[] = [values.length], name?: string): string {
    const b = new BigInt64Array(values.map((v) => BigInt(v)));
    return this.init(name ?? this.fresh('c'), { dtype: 'int64', dims, bytes: u8(b) });
  }

  /** Adds a node; returns its single output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    o: NodeOptions = {},
  ): string {
    return this.opN(opType, inputs, attrs, o)[0];
  }

  /** Adds a node; returns all its output names. Use '' in inputs for an omitted optional input. */
  opN(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    o: NodeOptions = {},
  ): string[] {
    const outs = Array.isArray(o.outputs)
      ? o.outputs
      : Array.from({ length: o.outputs ?? 1 }, () => this.fresh(opType));
    if (o.domain) this.domains.add(o.domain);
    this.nodes.push({
      opType,
      domain: o.domain ?? '',
      name: o.name ?? this.fresh(`n_${opType}`),
      input: [...inputs],
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** A fresh unique value name. */
  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Serialises the model. */
  toBytes(): Uint8Array {
    const opsetImport = [{ domain: '', version: this.opset }];
    for (const d of this.domains) opsetImport.push({ domain: d, version: 1 });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'vidmuse-studio',
      producerVersion: '1',
      opsetImport,
      graph: {
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  /** Number of nodes (for tests and logs). */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Declared graph inputs or outputs as {name, dtype, shape} (for manifests). */
  signature(kind: 'inputs' | 'outputs'): { name: string; dtype: string; shape: (number | string)[] }[] {
    const names = Object.fromEntries(Object.entries(DType).map(([k, v]) => [v, k]));
    return (kind === 'inputs' ? this.inputs : this.outputs).map((v) => ({
      name: v.name ?? '',
      dtype: names[v.type?.tensorType?.elemType ?? 0] ?? 'unknown',
      shape: (v.type?.tensorType?.shape?.dim ?? []).map((d) =>
        d.dimParam ? d.dimParam : Number(d.dimValue),
      ),
    }));
  }

  /** Names of all initializers, in insertion order. */
  initializerNames(): string[] {
    return this.initializers.map((i) => i.name ?? '');
  }
}

/** A view of a typed array's bytes (no copy). */
export function u8(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function valueInfo(name: string, dtype: DTypeName, shape: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DType[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, v: AttrValue): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (v instanceof FloatAttr) return { name, type: T.FLOAT, f: v.value };
  if (v instanceof FloatsAttr) return { name, type: T.FLOATS, floats: [...v.value] };
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number')
    return Number.isInteger(v) ? { name, type: T.INT, i: v } : { name, type: T.FLOAT, f: v };
  if (Array.isArray(v)) {
    const nums = v as readonly number[];
    return nums.every(Number.isInteger)
      ? { name, type: T.INTS, ints: [...nums] }
      : { name, type: T.FLOATS, floats: [...nums] };
  }
  const t = v as TensorData;
  return { name, type: T.TENSOR, t: { dataType: DType[t.dtype], dims: [...t.dims], rawData: t.bytes } };
}
