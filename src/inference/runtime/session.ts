// The one place that owns onnxruntime sessions: loading with a chosen execution provider (falling back to
// CPU), thread counts, running with optional preallocated outputs, and disposal.
import * as ort from 'onnxruntime-node';
import { AppError } from '../../shared/errors';
import { pickProviders, type ProviderName } from './providers';

/** Execution provider request: a name, or 'auto' (the best one present, else CPU). */
export type ProviderRequest = ProviderName | 'auto';

/** How sessions are created. */
export interface RuntimeOptions {
  provider?: ProviderRequest;
  /** Threads inside one operator (0 or unset: onnxruntime's default, one per core). */
  intraOpThreads?: number;
  /** Threads across independent operators (only with parallel execution). */
  interOpThreads?: number;
  /** Extra session config entries (e.g. 'session.intra_op.allow_spinning'). */
  config?: Record<string, string>;
}

/** A tensor as onnxruntime sees it; the rest of the app handles it through this type only. */
export type OrtTensor = ort.Tensor;

/** Element types we create tensors of. */
export type TensorType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'bool';
type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;

/** Wraps a typed array (no copy) as a tensor of the given shape. */
export function tensor(type: TensorType, data: TensorData, dims: readonly number[]): OrtTensor {
  return new ort.Tensor(type, data as Float32Array, dims);
}

/** A loaded graph; run() is synchronous inside onnxruntime, so call it off the UI thread. */
export class OrtSession {
  private disposed = false;

  private constructor(
    private readonly session: ort.InferenceSession,
    /** The execution provider in use, e.g. 'cpu' or 'cuda'. */
    readonly provider: ProviderName,
    readonly file: string,
  ) {}

  /** Loads a graph, trying the requested provider first and falling back to CPU. */
  static async load(file: string, opts: RuntimeOptions = {}): Promise<OrtSession> {
    const candidates = pickProviders(opts.provider ?? 'auto');
    let lastError: unknown = null;
    for (const provider of candidates) {
      try {
        const session = await ort.InferenceSession.create(file, sessionOptions(provider, opts));
        return new OrtSession(session, provider, file);
      } catch (e) {
        lastError = e;
      }
    }
    const why = lastError instanceof Error ? lastError.message : String(lastError);
    throw new AppError('bad-bundle', `Cannot load model graph ${file}: ${why}`);
  }

  /** Input names in graph order. */
  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  /** Output names in graph order. */
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * Runs the graph. `fetches` may name outputs to compute, or map names to preallocated tensors that
   * onnxruntime writes into (no copy back).
   */
  async run(
    feeds: Record<string, OrtTensor>,
    fetches?: readonly string[] | Record<string, OrtTensor | null>,
  ): Promise<Record<string, OrtTensor>> {
    if (this.disposed) throw new AppError('internal', `Session ${this.file} used after dispose`);
    const out =
      fetches === undefined
        ? await this.session.run(feeds)
        : await this.session.run(feeds, fetches as ort.InferenceSession.FetchesType);
    return out as Record<string, OrtTensor>;
  }

  /** Releases the native session; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.session.release();
  }
}

function sessionOptions(provider: ProviderName, opts: RuntimeOptions): ort.InferenceSession.SessionOptions {
  const o: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    executionMode: opts.interOpThreads && opts.interOpThreads > 1 ? 'parallel' : 'sequential',
  };
  if (opts.intraOpThreads) o.intraOpNumThreads = opts.intraOpThreads;
  if (opts.interOpThreads) o.interOpNumThreads = opts.interOpThreads;
  if (opts.config) o.extra = { session: {}, ...nest(opts.config) };
  return o;
}

/** 'session.x.y' = v → { session: { x: { y: v } } }, the shape onnxruntime-common flattens back. */
function nest(config: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return root;
}
