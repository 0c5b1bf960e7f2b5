// Decoded runs of continuous windows, so that an edit decodes only the runs whose composition it changed. A
// run is keyed by its bundle, its windows' ranges and takes, and its split points (take codes never change, so
// these fix the decoded samples). Recent runs stay in memory; each is also written as a float WAV beside the
// library, which playback serves and a later session reads instead of decoding again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWavFloat, encodeWavFloat } from '../../shared/timeline/wav';
import { writeFileAtomic } from '../store/file-store';

/** What fixes a run's samples. */
export interface RunIdentity {
  bundleId: string;
  bundlePath: string;
  /** The run's windows in order: range and selected take. */
  windows: { start: number; end: number; takeId: string }[];
  /** Split samples of the continuous seams inside the run. */
  splits: number[];
}

/** The cache key of a run (hex SHA-256 of its identity). */
export function runKey(id: RunIdentity): string {
  return createHash('sha256').update(JSON.stringify(id)).digest('hex');
}

/** Decoded runs by key: in memory (the most recent `max`) and as WAV files in `dir`. */
export class RunCache {
  /** Codec decodes this cache has run (a hit runs none). */
  decodes = 0;
  readonly #mem = new Map<string, Promise<Float32Array>>();
  readonly #tmp: string;
  readonly #max: number;

  /** Opens (creating) the cache folder; leftovers of a crash and runs older than `graceMs` are removed. */
  constructor(
    readonly dir: string,
    opts: { graceMs: number; max?: number },
  ) {
    this.#max = opts.max ?? 8;
    this.#tmp = join(dir, 'tmp');
    mkdirSync(this.#tmp, { recursive: true });
    for (const f of readdirSync(this.#tmp)) rmSync(join(this.#tmp, f), { force: true });
    const now = Date.now();
    for (const f of readdirSync(dir))
      if (f.endsWith('.wav') && now - statSync(join(dir, f)).mtimeMs > opts.graceMs)
        rmSync(join(dir, f), { force: true });
  }

  /** The WAV file of a run's samples (present once `pcm` of that key has resolved). */
  file(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  /** The run's samples: from memory, else from its file, else decoded (and written) once. */
  pcm(key: string, sampleRate: number, decode: () => Promise<Float32Array>): Promise<Float32Array> {
    let p = this.#mem.get(key);
    if (p) {
      this.#mem.delete(key);
      this.#mem.set(key, p);
      return p;
    }
    p = this.#load(key, sampleRate, decode);
    this.#mem.set(key, p);
    p.catch(() => this.#mem.get(key) === p && this.#mem.delete(key));
    while (this.#mem.size > this.#max) this.#mem.delete(this.#mem.keys().next().value!);
    return p;
  }

  async #load(key: string, sampleRate: number, decode: () => Promise<Float32Array>): Promise<Float32Array> {
    const file = this.file(key);
    if (existsSync(file)) {
      try {
        const wav = decodeWavFloat(readFileSync(file));
        if (wav.sampleRate === sampleRate) return wav.pcm;
      } catch {
        // An unreadable cache file is decoded again and replaced.
      }
    }
    this.decodes++;
    const pcm = await decode();
    writeFileAtomic(file, this.#tmp, encodeWavFloat(pcm, sampleRate));
    return pcm;
  }
}
