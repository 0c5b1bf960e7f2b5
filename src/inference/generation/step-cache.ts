// What the generation loop needs from a self-attention cache, wherever it lives (host buffers or device memory).
import type { OrtTensor } from '../runtime/session';

/** What the step graph reads: per-layer keys, values (and their scales for kv8) and the mask [1, 1, 1, cap]. */
export interface KvCacheTensors {
  k: OrtTensor[];
  v: OrtTensor[];
  kScale?: OrtTensor[];
  vScale?: OrtTensor[];
  mask: OrtTensor;
}

/** A per-layer self-attention cache fed to the step graph and grown by its new K/V. */
export interface StepCache {
  /** Filled slots. */
  readonly length: number;
  /** Makes room for `extra` more slots (throws past the window's maximum). */
  reserve(extra: number): void;
  /** Tensors to feed the next step. */
  tensors(): KvCacheTensors;
  /** Stores the `count` new positions of every layer from a step's outputs (new_k_l, new_v_l). */
  append(out: Record<string, OrtTensor>, count: number): Promise<void>;
  /** Frees what the cache holds in device memory. */
  release(): void;
}
