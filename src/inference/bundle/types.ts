// Model bundle format 1 (ARCHITECTURE.md §4): the manifest `model.json` and the model geometry that
// converters, graph builders and the engine share.

/** Geometry of the music-token decoder (MusicGen-style LM) and of the LSTV module. */
export interface LmConfig {
  dim: number;
  numHeads: number;
  numLayers: number;
  /** FFN hidden size (hidden_scale · dim). */
  ffnDim: number;
  /** Codebook cardinality; the special token id equals card. */
  card: number;
  /** Number of codebooks (4). */
  nQ: number;
  /** Delay pattern per codebook ([0,1,2,3]). */
  delays: number[];
  /** LSTV width (768 for CLIP ViT-B/32). */
  temporalDim: number;
  /** LSTV temporal-transformer depth (2), heads (= numHeads), head dim (64), MLP width (4·temporalDim). */
  lstvDepth: number;
  lstvHeads: number;
  lstvDimHead: number;
  lstvMlpDim: number;
  /** Heads of the local→global fusion cross-attention (3). */
  fusionHeads: number;
  layerNormEps: number;
}

/** Geometry of the CLIP vision tower. */
export interface ClipConfig {
  hiddenSize: number;
  intermediateSize: number;
  numLayers: number;
  numHeads: number;
  imageSize: number;
  patchSize: number;
  layerNormEps: number;
  /** Tokens per frame: (imageSize / patchSize)² + 1. */
  tokensPerFrame: number;
}

/** Geometry of the EnCodec codec (HF EncodecConfig subset). */
export interface CodecConfig {
  sampleRate: number;
  channels: number;
  hiddenSize: number;
  numFilters: number;
  upsamplingRatios: number[];
  /** Samples per codec frame: product of the ratios (640). */
  hopLength: number;
  /** Codec frames per second (50). */
  frameRate: number;
  codebookSize: number;
  numCodebooks: number;
  codebookDim: number;
  numLstmLayers: number;
  kernelSize: number;
  lastKernelSize: number;
  residualKernelSize: number;
  dilationGrowthRate: number;
  numResidualLayers: number;
  compress: number;
  padMode: string;
  useCausalConv: boolean;
}

/** Input or output of a graph as recorded in the manifest. */
export interface TensorSignature {
  name: string;
  dtype: string;
  /** Fixed sizes or symbolic names. */
  shape: (number | string)[];
}

/** One graph file of the bundle. */
export interface GraphEntry {
  /** Role, e.g. 'visual_encoder', 'lstv', 'decoder_step', 'decoder_prefill', 'codec_decoder', 'codec_encoder'. */
  role: string;
  /** Variant for a provider or precision, e.g. 'fp32', 'int8'; the engine picks one per role. */
  variant: string;
  file: string;
  sha256: string;
  bytes: number;
  /** External-data file beside it, if any. */
  dataFile?: { file: string; sha256: string; bytes: number };
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}

/** The model.json manifest of a bundle. */
export interface BundleManifest {
  format: 1;
  id: string;
  name: string;
  licence: string;
  source: string;
  /** False for bundles made from random weights: their output is noise and the UI says so. */
  trained: boolean;
  createdBy: string;
  video: {
    fps: number;
    imageSize: number;
    mean: [number, number, number];
    std: [number, number, number];
    tokensPerFrame: number;
    globalFrames: number;
    maxWindowSeconds: number;
  };
  audio: {
    sampleRate: number;
    channels: number;
    frameRate: number;
    hopLength: number;
    codebooks: number;
    card: number;
    specialToken: number;
    delays: number[];
  };
  lm: LmConfig;
  clip: ClipConfig;
  codec: CodecConfig;
  generation: {
    temperature: number;
    topK: number;
    topP: number;
    cfgCoef: number;
    windowSeconds: number;
    overlapSeconds: number;
  };
  graphs: GraphEntry[];
  /** The sampling settings in the checkpoint's training config (xp.cfg): shown as information, never used. */
  trainingConfigGeneration?: { temperature: number; topK: number; topP: number; cfgCoef: number };
  /** The precision gate's figures on this bundle's own weights, and the decoder variant run by default. */
  precision?: PrecisionRecord;
  /** What the converter noted about the source checkpoints (keys it ignored as harmless, and why). */
  conversionNotes?: string[];
}

/** A decoder variant against fp32 on the gate's probe. */
export interface PrecisionFigures {
  /** RMS of the guided-logits error over RMS of the fp32 logits. */
  relRmsLogitsError: number;
  /** Fraction of (codebook, position) rows whose argmax equals fp32's. */
  argmaxAgreement: number;
  passed: boolean;
}

/** The precision gate as measured at conversion. */
export interface PrecisionRecord {
  /** Per decoder variant present in the bundle (fp32 is the reference). */
  measured: Record<string, PrecisionFigures>;
  /** The fastest variant that passed (fp32 when none did): what 'auto' runs on the provider measured on. */
  default: string;
  gate: { maxRelRmsLogitsError: number; minArgmaxAgreement: number; positions: number; probe: string };
  /** The provider these figures were measured on (absent in bundles gated before providers were recorded: cpu). */
  provider?: string;
  /** The same gate run on other providers (a GPU found at conversion), each against fp32 on that provider. */
  byProvider?: Record<string, { measured: Record<string, PrecisionFigures>; default: string }>;
}
