// The execution provider names, apart from the provider logic so that a process that only names them (the
// editor's settings, the command line's options) does not load onnxruntime.

/** Providers the app knows how to ask for. */
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

/** Every provider name a user may give (besides 'auto'). */
export const PROVIDER_NAMES: readonly ProviderName[] = ['cpu', 'webgpu', 'cuda', 'dml', 'coreml'];
