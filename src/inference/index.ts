// Public API of the inference library for the command line, benchmarks and tools (the engine runs in their
// process). src/main, web/ and Electron's main process use the client only: src/inference/client.

// Engine pipeline: window planning, the inference host (worker) and its typed jobs.
export { planWindows, seamOf } from '../shared/timeline/window-plan';
export type { PlannedWindow, WindowPlan, PlanGeometry, PlanRequest } from '../shared/timeline/window-plan';
export { localFrameIndices } from './plan/local-frames';
export { InferenceClient, startWorkerHost, defaultWorkerEntry } from './client';
export type { WorkerHostOptions, MessagePortLike, HostPort } from './client';
export type { HostEvent, HostRequest, JobSpec, JobMap, JobsOf } from './client';
export type { InferenceJobs, EngineRef, AnalyseSummary } from './client';
export { inferenceHandlers, shutdownInference } from './host/inference-jobs';
export type { TakeParams, WindowTake, PromptCodes } from './pipeline/generate-window';
export type { ScoreRequest, ScoreResult } from './pipeline/score-video';
export type { EngineOptions } from './pipeline/engine';

// Converter, bundles and reference checks.
export { convertBundle } from './convert/convert';
export type { ConvertOptions } from './convert/convert';
export { loadBundle } from './bundle/loader';
export { readManifest } from './bundle/read-manifest';
export { extractFrames } from './frames/extract-frames';
export { frameSpecOf } from './frames/frame-spec';
export { writeNpy } from './convert/npy';
export type { LoadBundleOptions } from './bundle/loader';
export type { PrecisionRecord, PrecisionFigures } from './bundle/types';
export type {
  BundleManifest,
  GraphEntry,
  TensorSignature,
  LmConfig,
  ClipConfig,
  CodecConfig,
} from './bundle/types';
export { runReferenceCheck, DEFAULT_CHECKS } from './reference/run-reference';
export type { ReferenceOptions } from './reference/run-reference';
export type { CheckResult, ReferenceCheck, ReferenceContext } from './reference/check';
export { formatResults } from './reference/table';

// Decoder, generation loop and runtime.
export { DecoderModel } from './generation/decoder-model';
export type { CrossKv } from './generation/decoder-model';
export { generateTokens } from './generation/generate';
export type { VideoMemory } from './generation/generate';
export type {
  GenerateParams,
  GenerateOptions,
  GenerateResult,
  PartialCodes,
  StepTimings,
} from './generation/types';
export type { SamplingParams } from './generation/sampler';
export type { DecoderVariant } from './graphs/decoder-names';
export { chooseDecoderVariant } from './generation/variant-choice';
export { decoderChecks } from './reference/decoder-checks';
export { availableProviders, chooseProvider, PROVIDER_NAMES } from './runtime/providers';
export type { ProviderName, ProviderChoice } from './runtime/providers';
export { ensureRuntimeDir } from './runtime/runtime-dir';
export type { RuntimeOptions, ProviderRequest } from './runtime/session';
