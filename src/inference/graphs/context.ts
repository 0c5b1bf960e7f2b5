// What every graph builder (visual encoder, LSTV, decoder, codec) receives and returns.
import type { WeightSource } from '../convert/weights';
import type { ClipConfig, CodecConfig, LmConfig, TensorSignature } from '../bundle/types';

/** Inputs of a graph build: the checkpoint tensors, the geometry, and where to write. */
export interface GraphBuildContext {
  /** LM checkpoint keys at top level (CLIP under `visual_encoder_model.`), or the codec's HF keys. */
  weights: WeightSource;
  lm: LmConfig;
  clip: ClipConfig;
  codec: CodecConfig;
  /** Folder that receives `<file>.onnx` and `<file>.onnx.data`. */
  outDir: string;
  /** Storage precision of large float weights (`float16` with --fp16; compute stays float32). */
  weightDType: 'float32' | 'float16';
  /** Map keys to initializers without reading or writing any tensor data (full-size dry run). */
  dry: boolean;
  /** Reports bytes of tensor data produced, for progress bars. */
  onBytes?: (bytes: number) => void;
}

/** A graph written by a builder; the bundle writer adds hashes and sizes. */
export interface BuiltGraph {
  role: string;
  variant: string;
  /** File name inside the bundle folder. */
  file: string;
  /** External-data file name, if the graph has one. */
  dataFile?: string;
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  /** Initializer name → shape, for the dry run and tests. */
  initializers: Map<string, { dtype: string; dims: number[] }>;
}
