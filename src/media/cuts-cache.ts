// Detected cuts on disk, one small JSON file per (video content, detector settings), so a project opens
// with its cuts at once the second time and the command line skips detection for a video it has seen.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobOptions } from '../shared/progress';
import type { CutDetectorSettings, SceneCut } from './detect-cuts';
import { DEFAULT_CUT_DETECTOR, detectCuts } from './detect-cuts';
import { writeFileAtomic } from './write-file-atomic';

/** Hex key of a video's cuts: its content hash and everything the detector's result depends on. */
export function cutsKey(contentHash: string, s: CutDetectorSettings): string {
  const canonical = JSON.stringify(['vidmuse-cuts-1', contentHash, s.threshold, s.width, 'skip-lf-bidir']);
  return createHash('sha256').update(canonical).digest('hex');
}

/** A folder of cached cut lists. */
export class CutsCache {
  constructor(readonly dir: string) {}

  /** Path of a key's file. */
  pathOf(key: string): string {
    return join(this.dir, `${key}.cuts.json`);
  }

  /** The cuts stored under key, or null (a missing or damaged file is a miss). */
  async get(key: string): Promise<SceneCut[] | null> {
    const text = await readFile(this.pathOf(key), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const v = JSON.parse(text) as { key?: unknown; cuts?: unknown };
      if (v.key !== key || !Array.isArray(v.cuts)) return null;
      const ok = v.cuts.every((c: SceneCut) => Number.isFinite(c?.seconds) && Number.isFinite(c?.score));
      return ok ? (v.cuts as SceneCut[]) : null;
    } catch {
      return null;
    }
  }

  /** Stores cuts under key (atomic). */
  async put(key: string, cuts: readonly SceneCut[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.pathOf(key), Buffer.from(JSON.stringify({ key, cuts })));
  }
}

/** What a cached detection needs: the video, its content hash and duration. */
export interface CutsSource {
  path: string;
  contentHash: string;
  durationSeconds: number;
}

/** The video's cuts from the cache, else detected and stored; `cached` says which. */
export async function cachedCuts(
  cache: CutsCache,
  src: CutsSource,
  opts: JobOptions & { settings?: CutDetectorSettings } = {},
): Promise<{ cuts: SceneCut[]; cached: boolean }> {
  const settings = opts.settings ?? DEFAULT_CUT_DETECTOR;
  const key = cutsKey(src.contentHash, settings);
  const hit = await cache.get(key);
  if (hit) return { cuts: hit, cached: true };
  const cuts = await detectCuts(src.path, { ...opts, settings, durationSeconds: src.durationSeconds });
  await cache.put(key, cuts);
  return { cuts, cached: false };
}
