// The inference client: all that src/main, web/ and electron/'s main process use of inference. It starts an
// inference host (a worker thread, or Electron's utility process) and runs typed jobs in it; nothing here
// imports the runtime, so loading the client never loads onnxruntime (a test checks, and lint holds src/main
// and web/ to this file).
export { InferenceClient } from './inference-client';
export { startWorkerHost, defaultWorkerEntry, type WorkerHostOptions } from './start-worker';
export type { MessagePortLike, HostPort } from './message-port';
export type { HostEvent, HostRequest, JobSpec, JobMap, JobsOf } from './protocol';
export type { InferenceJobs, EngineRef, AnalyseSummary } from './jobs';
export type { TakeParams, WindowTake, PromptCodes } from '../pipeline/generate-window';
export type { ScoreRequest, ScoreResult } from '../pipeline/score-video';
export type { EngineOptions } from '../pipeline/engine';
export { PROVIDER_NAMES, type ProviderName, type ProviderRequest } from './providers';

// The bundle readers run in the caller's process: they read files and ONNX protobufs, no runtime.
export { loadBundle, type LoadBundleOptions } from '../bundle/loader';
export { readManifest, type ManifestFile } from '../bundle/read-manifest';
export type { BundleManifest, PrecisionRecord } from '../bundle/types';
