// The one place that owns onnxruntime sessions: loading with a chosen execution provider (falling back to
// CPU), thread counts, running with optional preallocated outputs, and disposal.
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { AppError } from '../../shared/errors';
import type { ProviderName, ProviderRequest } from '../client/providers';
import { chooseProvider } from './providers';

export type { ProviderRequest };

/** How sessions are created. */
export interface RuntimeOptions {
  provider?: ProviderRequest;
  /** Threads inside one operator (0 or unset: onnxruntime's default, one per core). */
  intraOpThreads?: number;
  /** Threads across independent operators (only with parallel execution). */
  interOpThreads?: number;
  /** Extra session config entries (e.g. 'session.intra_op.allow_spinning'). */
  config?: Record<string, string>;
  /**
   * Leave outputs (all, or the ones named) in device memory on a GPU provider that supports it (WebGPU), to be
   * fed to another session or the next run without a trip through host memory; release them with releaseTensor.
   */
  deviceOutputs?: boolean | readonly string[];
}

/** A graph held in memory rather than in a file (built at run time), with a name for messages. */
export interface GraphBytes {
  name: string;
  bytes: Uint8Array;
}

/** Bytes a session moved between host and device memory (zero on the CPU provider, where there is no device). */
export interface TransferBytes {
  hostToDevice: number;
  deviceToHost: number;
}

/** Frees a tensor that lives in device memory (host tensors are left to the garbage collector). */
export function releaseTensor(t: OrtTensor): void {
  if (t.location === 'gpu-buffer') t.dispose();
}

/** A tensor as onnxruntime sees it; the rest of the app handles it through this type only. */
export type OrtTensor = ort.Tensor;

/** Element types we create tensors of. */
export type TensorType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'int8' | 'bool';
type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array | Int8Array;

/** Wraps a typed array (no copy) as a tensor of the given shape. */
export function tensor(type: TensorType, data: TensorData, dims: readonly number[]): OrtTensor {
  return new ort.Tensor(type, data as Float32Array, dims);
}

/** A loaded graph; run() is synchronous inside onnxruntime, so call it off the UI thread. */
export class OrtSession {
  private disposed = false;
  /** Bytes copied between host and device by this session's runs so far. */
  readonly transfer: TransferBytes = { hostToDevice: 0, deviceToHost: 0 };

  private constructor(
    private readonly session: ort.InferenceSession,
    /** The execution provider in use, e.g. 'cpu' or 'webgpu'. */
    readonly provider: ProviderName,
    readonly file: string,
    /** Why this provider: the host's decision, or the graph's own fallback to the CPU. */
    readonly reason: string,
  ) {}

  /**
   * Loads a graph on the provider the request resolves to (once per process); a graph that provider cannot
   * load runs on the CPU, with a reason naming the graph and the provider.
   */
  static async load(source: string | GraphBytes, opts: RuntimeOptions = {}): Promise<OrtSession> {
    const choice = await chooseProvider(opts.provider ?? 'auto');
    const file = typeof source === 'string' ? source : source.name;
    const create = (provider: ProviderName): Promise<ort.InferenceSession> =>
      typeof source === 'string'
        ? ort.InferenceSession.create(source, sessionOptions(provider, opts))
        : ort.InferenceSession.create(source.bytes, sessionOptions(provider, opts));
    let why = '';
    if (choice.provider !== 'cpu') {
      try {
        return new OrtSession(await create(choice.provider), choice.provider, file, choice.reason);
      } catch (e) {
        why = `${path.basename(file)} cannot run on ${choice.provider} (${firstLine(e)}); running it on the CPU`;
        process.stderr.write(`inference: ${why}\n`);
      }
    }
    try {
      const session = await create('cpu');
      return new OrtSession(session, 'cpu', file, why || choice.reason);
    } catch (e) {
      throw new AppError('bad-bundle', `Cannot load model graph ${file}: ${firstLine(e)}`);
    }
  }

  /** Input names in graph order. */
  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  /** The element type of input `name` as the graph declares it (null when unknown or not a tensor). */
  inputType(name: string): string | null {
    const m = this.session.inputMetadata.find((x) => x.name === name);
    return m?.isTensor ? m.type : null;
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
    try {
      const out =
        fetches === undefined
          ? await this.session.run(feeds)
          : await this.session.run(feeds, fetches as ort.InferenceSession.FetchesType);
      if (this.provider !== 'cpu') this.count(feeds, out);
      return out as Record<string, OrtTensor>;
    } catch (e) {
      throw runError(e, path.basename(this.file), this.provider);
    }
  }

  /** Host tensors fed to a device provider are uploaded; outputs that come back to the host are downloaded. */
  private count(feeds: Record<string, OrtTensor>, out: Record<string, OrtTensor>): void {
    for (const t of Object.values(feeds)) if (t.location === 'cpu') this.transfer.hostToDevice += bytesOf(t);
    for (const t of Object.values(out)) if (t.location === 'cpu') this.transfer.deviceToHost += bytesOf(t);
  }

  /** Releases the native session; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.session.release();
  }
}

const bytesOf = (t: OrtTensor): number => (t.data as ArrayBufferView).byteLength;

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();

/** Out-of-memory failures say what to try; others name the graph and the provider that could not run it. */
export function runError(e: unknown, graph: string, provider: ProviderName): unknown {
  const msg = firstLine(e);
  if (
    /out of memory|outofmemory|bad_alloc|failed to allocate|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation/i.test(
      msg,
    )
  ) {
    const where = provider === 'cpu' ? 'memory' : `${provider} device memory`;
    const tryCpu = provider === 'cpu' ? 'fewer threads' : 'the CPU (--ep cpu)';
    return new AppError(
      'out-of-memory',
      `Out of ${where} running ${graph}: try a shorter window or ${tryCpu} (${msg})`,
    );
  }
  if (provider === 'cpu' || e instanceof AppError) return e;
  return new AppError('internal', `${graph} failed on the ${provider} provider: ${msg} (try --ep cpu)`);
}

function sessionOptions(provider: ProviderName, opts: RuntimeOptions): ort.InferenceSession.SessionOptions {
  const o: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // Warnings only (e.g. shape ops placed on the CPU beside a GPU provider) would clutter the CLI's stderr.
    logSeverityLevel: 3,
    executionMode: opts.interOpThreads && opts.interOpThreads > 1 ? 'parallel' : 'sequential',
  };
  if (opts.deviceOutputs && provider === 'webgpu')
    o.preferredOutputLocation =
      opts.deviceOutputs === true
        ? 'gpu-buffer'
        : Object.fromEntries(opts.deviceOutputs.map((name) => [name, 'gpu-buffer' as const]));
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
