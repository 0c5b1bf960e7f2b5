// CLIP features on disk, one file per (video, bundle, preprocessing) key, so a video is encoded once
// and every later window, regeneration or session reuses the features without running CLIP.
import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureTensor } from './feature-file';
import { writeFileAtomic } from '../../media/write-file-atomic';
import { encodeFeatureFile, readFeatureFile } from './feature-file';

/** A folder of cached feature tensors addressed by their hex key. */
export class FeatureCache {
  /** Counts hits and misses (for the CLI summary and for tests that check CLIP did not run). */
  readonly stats = { hits: 0, misses: 0, writes: 0 };
  /** The most recently used tensors, kept in memory: regenerating windows of one video rereads nothing. */
  private readonly recent = new Map<string, FeatureTensor>();

  /** `keep`: how many tensors stay in memory (a long video's features can be hundreds of MB). */
  constructor(
    readonly dir: string,
    private readonly keep = 2,
  ) {}

  /** Path of a key's file (two-character fan-out keeps folders small). */
  pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError(`not a feature key: ${key}`);
    return join(this.dir, key.slice(0, 2), `${key}.feat`);
  }

  /** The tensor stored under key, or null; a damaged file counts as a miss and is removed. */
  async get(key: string): Promise<FeatureTensor | null> {
    const path = this.pathOf(key);
    const t = this.recent.get(key) ?? (await readFeatureFile(path, key));
    if (t) {
      this.stats.hits++;
      this.remember(key, t);
    } else {
      this.stats.misses++;
      await unlink(path).catch(() => undefined);
    }
    return t;
  }

  /** Stores a tensor under key (atomic; concurrent writers of the same key both succeed). */
  async put(key: string, t: FeatureTensor): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await writeFileAtomic(path, encodeFeatureFile(key, t));
    this.stats.writes++;
    this.remember(key, t);
  }

  private remember(key: string, t: FeatureTensor): void {
    this.recent.delete(key);
    this.recent.set(key, t);
    while (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Returns the cached tensor or computes, stores and returns it. */
  async getOrCompute(key: string, compute: () => Promise<FeatureTensor>): Promise<FeatureTensor> {
    const hit = await this.get(key);
    if (hit) return hit;
    const t = await compute();
    await this.put(key, t);
    return t;
  }

  /** Removes temporary files older than `olderThanMs`: left by writers that died mid-write, not in use by live ones. */
  async sweep(olderThanMs = 3_600_000): Promise<number> {
    let removed = 0;
    const subs = await readdir(this.dir).catch(() => [] as string[]);
    for (const sub of subs) {
      const names = await readdir(join(this.dir, sub)).catch(() => [] as string[]);
      for (const n of names.filter((x) => x.endsWith('.tmp'))) {
        const p = join(this.dir, sub, n);
        const st = await stat(p).catch(() => null);
        if (!st || Date.now() - st.mtimeMs < olderThanMs) continue;
        await rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
