// The loaded model of a bundle: one session per graph role, created once and reused by every job
// (analyse, window generation, scoring) until disposed.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { BundleManifest, GraphEntry } from '../bundle/types';
import { loadBundle } from '../bundle/loader';
import type { DecoderVariant } from '../graphs/decoder-names';
import { DecoderModel } from '../generation/decoder-model';
import type { RuntimeOptions } from '../runtime/session';
import { OrtSession } from '../runtime/session';

/** How an engine runs: execution provider, threads, decoder precision ('auto': the fastest that passed the quality gate). */
export interface EngineOptions extends RuntimeOptions {
  decoderVariant?: DecoderVariant | 'auto';
}

/** Sessions of a bundle's visual encoder, LSTV, decoder and codec decoder. */
export class Engine {
  private constructor(
    readonly dir: string,
    readonly manifest: BundleManifest,
    readonly visual: OrtSession,
    readonly lstv: OrtSession,
    readonly codec: OrtSession,
    readonly decoder: DecoderModel,
    /** Codec encoder (PCM → codes), for prompting a take with audio; null when the bundle has none. */
    readonly codecEncoder: OrtSession | null,
  ) {}

  /** Counts frames run through CLIP, so callers and tests can see that cached work is not redone. */
  readonly stats = { clipFrames: 0 };

  /** Loads a bundle folder; a missing or corrupt bundle is AppError('bad-bundle') naming what is wrong. */
  static async open(dir: string, opts: EngineOptions = {}): Promise<Engine> {
    const manifest = await loadBundle(dir, { verify: 'cached' });
    const loaded: OrtSession[] = [];
    try {
      for (const role of ['visual_encoder', 'lstv', 'codec_decoder'])
        loaded.push(await OrtSession.load(path.join(dir, graphOf(manifest, role).file), opts));
      const enc = manifest.graphs.some((g) => g.role === 'codec_encoder')
        ? await OrtSession.load(path.join(dir, graphOf(manifest, 'codec_encoder').file), opts)
        : null;
      if (enc) loaded.push(enc);
      const decoder = await DecoderModel.load(dir, manifest, opts.decoderVariant ?? 'auto', opts);
      return new Engine(dir, manifest, loaded[0]!, loaded[1]!, loaded[2]!, decoder, enc);
    } catch (e) {
      await Promise.all(loaded.map((s) => s.dispose()));
      throw e;
    }
  }

  /** Identity of the visual encoder, for feature-cache keys: its graph and weight hashes. */
  get visualIdentity(): string {
    const g = graphOf(this.manifest, 'visual_encoder');
    return g.dataFile ? `${g.sha256}+${g.dataFile.sha256}` : g.sha256;
  }

  /** The execution provider the decoder runs on. */
  get provider(): string {
    return this.decoder.provider;
  }

  /** Why that provider (the host's decision or a graph's fallback to the CPU). */
  get providerReason(): string {
    return this.decoder.providerReason;
  }

  /** Provider and decoder precision as users see them, e.g. "webgpu · q8". */
  get runtimeLabel(): string {
    return `${this.provider} · ${this.decoder.variant}`;
  }

  /** Releases every session. */
  async dispose(): Promise<void> {
    await Promise.all([
      this.visual.dispose(),
      this.lstv.dispose(),
      this.codec.dispose(),
      this.decoder.dispose(),
      this.codecEncoder?.dispose(),
    ]);
  }
}

/** The fp32 graph of a role (or the only one). */
function graphOf(m: BundleManifest, role: string): GraphEntry {
  const all = m.graphs.filter((g) => g.role === role);
  const g = all.find((x) => x.variant === 'fp32') ?? all[0];
  if (!g) throw new AppError('bad-bundle', `Bundle ${m.id} has no ${role} graph`);
  return g;
}
