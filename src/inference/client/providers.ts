// Execution provider names as a client asks for them; the runtime resolves them (runtime/providers.ts).

/** Providers the app knows how to ask for. */
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

/** Every provider name a user may give (besides 'auto'). */
export const PROVIDER_NAMES: readonly ProviderName[] = ['cpu', 'webgpu', 'cuda', 'dml', 'coreml'];

/** Execution provider request: a name, or 'auto' (CUDA if installed, else a WebGPU GPU adapter, else CPU). */
export type ProviderRequest = ProviderName | 'auto';
