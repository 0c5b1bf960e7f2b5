// One graph file of a bundle: a GraphBuilder plus the signatures the manifest records, written to
// `<outDir>/<file>` (+ `.data` for external weights) through temporary names.
import fs from 'node:fs';
import path from 'node:path';
import { GraphBuilder, type DTypeName, type Dim } from '../../onnx/builder';
import { FileExternalDataSink } from '../../onnx/external-data';
import type { TensorSignature } from '../../bundle/types';
import type { BuiltGraph, GraphBuildContext } from '../context';

/** Builds one graph and records its input/output signatures. */
export class GraphFile {
  readonly b: GraphBuilder;
  readonly inputs: TensorSignature[] = [];
  readonly outputs: TensorSignature[] = [];
  private readonly sink: FileExternalDataSink | null;

  constructor(
    readonly ctx: GraphBuildContext,
    readonly role: string,
    readonly variant: string,
    readonly file: string,
  ) {
    this.sink = ctx.dry ? null : new FileExternalDataSink(path.join(ctx.outDir, `${file}.data`));
    this.b = new GraphBuilder(role, this.sink, 17, ctx.dry);
  }

  /** Declares a graph input. */
  input(name: string, dtype: DTypeName, shape: readonly Dim[]): string {
    this.inputs.push({ name, dtype, shape: [...shape] });
    return this.b.input(name, dtype, shape);
  }

  /** Declares a graph output named `name` carrying `value`. */
  output(value: string, name: string, dtype: DTypeName, shape: readonly Dim[]): string {
    this.outputs.push({ name, dtype, shape: [...shape] });
    return this.b.output(value, name, dtype, shape);
  }

  /** Writes the model (unless dry) and describes it for the bundle writer. */
  finish(): BuiltGraph {
    const built: BuiltGraph = {
      role: this.role,
      variant: this.variant,
      file: this.file,
      inputs: this.inputs,
      outputs: this.outputs,
      initializers: new Map([...this.b.initShapes].map(([k, v]) => [k, { dtype: v.dtype, dims: v.dims }])),
    };
    if (this.ctx.dry || !this.sink) return built;
    this.sink.close();
    const dataPath = this.sink.filePath;
    if (this.sink.size === 0) fs.rmSync(dataPath);
    else built.dataFile = path.basename(dataPath);
    const target = path.join(this.ctx.outDir, this.file);
    const tmp = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, this.b.toBytes());
    fs.renameSync(tmp, target);
    return built;
  }
}
