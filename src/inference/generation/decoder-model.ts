// A loaded decoder: the cross K/V session and one step-graph session, with typed calls for the generation
// loop. Sessions are created here through the runtime module and disposed together.
import path from 'node:path';
import type { BundleManifest, LmConfig } from '../bundle/types';
import { AppError } from '../../shared/errors';
import {
  crossKvStorageOf,
  DECODER_ROLES,
  decoderNames as n,
  type DecoderVariant,
  type SelfCacheStorage,
} from '../graphs/decoder-names';
import {
  OrtSession,
  releaseTensor,
  tensor,
  type OrtTensor,
  type RuntimeOptions,
  type TransferBytes,
} from '../runtime/session';
import { buildKvAppendGraph } from '../graphs/kv-append';
import { chooseProvider } from '../runtime/providers';
import { DeviceKvCache } from './device-kv-cache';
import { KvCache } from './kv-cache';
import type { StepCache } from './step-cache';
import { chooseDecoderVariant, gateDefaultFor } from './variant-choice';

/** Cross-attention K/V of one window, per layer, kept as onnxruntime tensors (fed to every step). */
export interface CrossKv {
  k: OrtTensor[];
  v: OrtTensor[];
  /** Per-layer scales of int8 K/V (kv8 storage); absent for float K/V. */
  kScale?: OrtTensor[];
  vScale?: OrtTensor[];
  rows: number;
  memory: number;
}

/** The decoder of a bundle, ready to run. */
export class DecoderModel {
  private constructor(
    readonly lm: LmConfig,
    readonly variant: DecoderVariant,
    private readonly cross: OrtSession,
    private readonly step: OrtSession,
    /** Appends a step's K/V to a device-resident self-attention cache (WebGPU); null: the cache is on the host. */
    private readonly append: OrtSession | null,
  ) {}

  /** Loads the cross K/V graph and the step graph of `requested` ('auto': fastest that passed quality) from a bundle. */
  static async load(
    dir: string,
    manifest: BundleManifest,
    requested: DecoderVariant | 'auto' = 'auto',
    rt: RuntimeOptions = {},
  ): Promise<DecoderModel> {
    const steps = manifest.graphs.filter((e) => e.role === DECODER_ROLES.step).map((e) => e.variant);
    const { provider } = await chooseProvider(rt.provider ?? 'auto');
    const variant = chooseDecoderVariant(steps, requested, gateDefaultFor(manifest.precision, provider));
    const find = (role: string, v: string): string => {
      const g = manifest.graphs.find((e) => e.role === role && e.variant === v);
      if (!g) throw new AppError('bad-bundle', `Bundle ${manifest.id} has no ${role} graph of variant ${v}`);
      return path.join(dir, g.file);
    };
    const crossFile = find(DECODER_ROLES.crossKv, crossKvStorageOf(variant));
    return DecoderModel.loadFiles(manifest.lm, crossFile, find(DECODER_ROLES.step, variant), variant, rt);
  }

  /**
   * Loads from explicit graph files (tests, benchmarks). On WebGPU the cross K/V and (for float caches) the
   * self-attention cache stay in device memory between steps.
   */
  static async loadFiles(
    lm: LmConfig,
    crossFile: string,
    stepFile: string,
    variant: DecoderVariant,
    rt: RuntimeOptions = {},
  ): Promise<DecoderModel> {
    // int8 tensors cannot be device-located outputs in onnxruntime-node: int8 K/V come back through the host.
    const onDevice = crossKvStorageOf(variant) !== 'kv8';
    const cross = await OrtSession.load(crossFile, { ...rt, deviceOutputs: onDevice });
    let step: OrtSession | null = null;
    try {
      const layers = Array.from({ length: lm.numLayers }, (_, l) => l);
      const newKv = layers.flatMap((l) => [n.newK(l), n.newV(l)]);
      step = await OrtSession.load(stepFile, { ...rt, deviceOutputs: onDevice ? newKv : false });
      const append =
        onDevice && step.provider === 'webgpu'
          ? await OrtSession.load(
              { name: 'kv_append', bytes: appendGraph(lm, cacheDType(step)) },
              { ...rt, provider: 'webgpu', deviceOutputs: true },
            )
          : null;
      return new DecoderModel(lm, variant, cross, step, append);
    } catch (e) {
      await Promise.all([cross.dispose(), step?.dispose()]);
      throw e;
    }
  }

  /** A self-attention cache for `rows` CFG rows and up to `maxLength` steps, where this decoder keeps it. */
  newCache(rows: number, maxLength: number): StepCache {
    const shape = { layers: this.lm.numLayers, rows, heads: this.lm.numHeads, headDim: this.headDim };
    return this.append
      ? new DeviceKvCache(shape, maxLength, this.append, cacheDType(this.step))
      : new KvCache(shape, maxLength, this.selfCacheStorage);
  }

  private get headDim(): number {
    return this.lm.dim / this.lm.numHeads;
  }

  /** The execution provider the step graph runs on. */
  get provider(): string {
    return this.step.provider;
  }

  /** How the step graph reads its self-attention cache (graphs built before the int8 cache read float32). */
  get selfCacheStorage(): SelfCacheStorage {
    if (this.step.inputNames.includes(n.cacheKScale(0))) return 'kv8';
    return cacheDType(this.step) === 'float16' ? 'fp16' : 'fp32';
  }

  /** Why the step graph runs on that provider. */
  get providerReason(): string {
    return this.step.reason;
  }

  /** K/V of the video memory [rows, M, dim] for every layer; computed once per window. */
  async crossKv(videoEmb: Float32Array, rows: number): Promise<CrossKv> {
    const memory = videoEmb.length / (rows * this.lm.dim);
    if (!Number.isInteger(memory) || memory < 1)
      throw new AppError(
        'invalid-input',
        `video_emb has ${videoEmb.length} values, not a multiple of ${rows} rows × ${this.lm.dim}`,
      );
    const out = await this.cross.run({
      [n.videoEmb]: tensor('float32', videoEmb, [rows, memory, this.lm.dim]),
    });
    const layers = Array.from({ length: this.lm.numLayers }, (_, l) => l);
    const kv: CrossKv = {
      k: layers.map((l) => out[n.crossK(l)]),
      v: layers.map((l) => out[n.crossV(l)]),
      rows,
      memory,
    };
    if (crossKvStorageOf(this.variant) === 'kv8') {
      kv.kScale = layers.map((l) => out[n.crossKScale(l)]);
      kv.vScale = layers.map((l) => out[n.crossVScale(l)]);
    }
    return kv;
  }

  /** Runs the step graph on prepared feeds; returns guided logits and per-layer new K/V. */
  async run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> {
    return this.step.run(feeds);
  }

  /** Bytes copied between host and device so far (the cross K/V stay on a WebGPU device; zero on the CPU). */
  get transfer(): TransferBytes {
    const all = [this.cross, this.step, ...(this.append ? [this.append] : [])].map((s) => s.transfer);
    return {
      hostToDevice: all.reduce((a, t) => a + t.hostToDevice, 0),
      deviceToHost: all.reduce((a, t) => a + t.deviceToHost, 0),
    };
  }

  /** Frees the outputs of a run that stayed in device memory and were not handed to a cache. */
  releaseOutputs(out: Record<string, OrtTensor>): void {
    for (const t of Object.values(out)) releaseTensor(t);
  }

  /** Frees a window's cross K/V where they live in device memory. */
  releaseCross(kv: CrossKv): void {
    for (const t of [...kv.k, ...kv.v, ...(kv.kScale ?? []), ...(kv.vScale ?? [])]) releaseTensor(t);
  }

  /** Releases both sessions. */
  async dispose(): Promise<void> {
    await Promise.all([this.cross.dispose(), this.step.dispose(), this.append?.dispose()]);
  }
}

/** The element type of a step graph's self-attention cache inputs (float16 graphs keep an fp16 cache). */
function cacheDType(step: OrtSession): 'float32' | 'float16' {
  return step.inputType(n.cacheK(0)) === 'float16' ? 'float16' : 'float32';
}

const appendGraph = (lm: LmConfig, dtype: 'float32' | 'float16'): Uint8Array =>
  buildKvAppendGraph(lm.numLayers, lm.numHeads, lm.dim / lm.numHeads, dtype);
