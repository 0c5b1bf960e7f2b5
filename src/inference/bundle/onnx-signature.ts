// The actual inputs and outputs of an ONNX file, read from its graph (weights are external or small).
import fs from 'node:fs';
import onnxProto from 'onnx-proto';
import type { TensorSignature } from './types';

const { onnx } = onnxProto;

const TYPE_NAMES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  16: 'bfloat16',
};

/** Inputs (excluding initializers) and outputs of the model in `file`. */
export function readOnnxSignature(file: string): { inputs: TensorSignature[]; outputs: TensorSignature[] } {
  const model = onnx.ModelProto.decode(fs.readFileSync(file));
  const graph = model.graph;
  if (!graph) throw new Error('model has no graph');
  const inits = new Set((graph.initializer ?? []).map((i) => i.name));
  const sig = (v: onnxProto.onnx.IValueInfoProto): TensorSignature => {
    const t = v.type?.tensorType;
    const dims = t?.shape?.dim ?? [];
    return {
      name: v.name ?? '',
      dtype: TYPE_NAMES[t?.elemType ?? 0] ?? `type${t?.elemType}`,
      shape: dims.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue ?? 0))),
    };
  };
  return {
    inputs: (graph.input ?? []).filter((i) => !inits.has(i.name ?? '')).map(sig),
    outputs: (graph.output ?? []).map(sig),
  };
}

/** A readable form of a signature list for error messages. */
export function describeSignature(s: readonly TensorSignature[]): string {
  return s.map((t) => `${t.name}:${t.dtype}[${t.shape.join(',')}]`).join(' ');
}
