// Builds the music-token decoder graphs of a bundle: the once-per-window cross K/V graph and the step graph
// in each requested precision variant, written as `<file>.onnx` + `<file>.onnx.data` into ctx.outDir.
import fs from 'node:fs';
import path from 'node:path';
import type { TensorSignature } from '../bundle/types';
import type { GraphBuilder } from '../onnx/builder';
import { FileExternalDataSink } from '../onnx/external-data';
import type { BuiltGraph, GraphBuildContext } from './context';
import { buildCrossKvGraph } from './decoder-cross';
import { crossKvStorageOf, DECODER_ROLES, type CrossKvStorage, type DecoderVariant } from './decoder-names';
import { buildStepGraph } from './decoder-step';

/** Which step-graph variants to build (fp32 always first: it is the quality reference). */
export interface DecoderBuildOptions {
  variants?: DecoderVariant[];
}

/**
 * Default variants: fp32 for exactness, int8 and int4 block-quantised weights and int8 K/V for the CPU, fp16
 * (weights, activations and K/V caches) for GPUs.
 */
export const DEFAULT_DECODER_VARIANTS: DecoderVariant[] = ['fp32', 'q8', 'q4', 'q8-kv8', 'fp16'];

/** Builds and writes the decoder graphs; returns one BuiltGraph per file. */
export function buildDecoderGraphs(ctx: GraphBuildContext, opts: DecoderBuildOptions = {}): BuiltGraph[] {
  const storage = { weightDType: ctx.weightDType, onBytes: ctx.onBytes };
  const variants = opts.variants ?? DEFAULT_DECODER_VARIANTS;
  const kvStorages = new Set<CrossKvStorage>(['fp32', ...variants.map(crossKvStorageOf)]);
  const out: BuiltGraph[] = [...kvStorages].map((kv) =>
    write(ctx, DECODER_ROLES.crossKv, kv, (sink) =>
      buildCrossKvGraph(ctx.weights, ctx.lm, { ...storage, variant: 'fp32' }, sink, ctx.dry, kv),
    ),
  );
  for (const variant of variants) {
    out.push(
      write(ctx, DECODER_ROLES.step, variant, (sink) =>
        buildStepGraph(ctx.weights, ctx.lm, { ...storage, variant }, sink, ctx.dry),
      ),
    );
  }
  return out;
}

function write(
  ctx: GraphBuildContext,
  role: string,
  variant: string,
  build: (sink: FileExternalDataSink | null) => GraphBuilder,
): BuiltGraph {
  const file = variant === 'fp32' ? `${role}.onnx` : `${role}_${variant}.onnx`;
  const dataFile = `${file}.data`;
  const sink = ctx.dry ? null : new FileExternalDataSink(path.join(ctx.outDir, dataFile));
  let g: GraphBuilder;
  try {
    g = build(sink);
  } finally {
    sink?.close();
  }
  if (!ctx.dry) writeAtomic(path.join(ctx.outDir, file), g.toBytes());
  const sig = signatures(g);
  return {
    role,
    variant,
    file,
    ...(ctx.dry ? {} : { dataFile }),
    inputs: sig.inputs,
    outputs: sig.outputs,
    initializers: g.initShapes,
  };
}

function signatures(g: GraphBuilder): { inputs: TensorSignature[]; outputs: TensorSignature[] } {
  return { inputs: g.signature('inputs'), outputs: g.signature('outputs') };
}

function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
