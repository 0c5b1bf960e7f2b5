// Installed model bundles: every folder with a model.json under the configured bundle folders.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleInfo, BundlePrecision, GenerationParams, PlanSettings } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { OFFICIAL_SAMPLING } from '../../shared/generation-defaults';
import { secondsToSamples } from '../../shared/time';

/** The parts of a bundle manifest the studio reads (the pipeline validates the rest). */
export interface BundleSummary extends BundleInfo {
  hopLength: number;
  globalFrames: number;
  generation: { temperature: number; topK: number; topP: number; cfgCoef: number; overlapSeconds: number };
}

function readBundle(dir: string): BundleSummary | null {
  let m: Record<string, never>;
  try {
    m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  } catch {
    return null;
  }
  const v = m['video'] as { maxWindowSeconds: number; globalFrames: number } | undefined;
  const a = m['audio'] as { sampleRate: number; hopLength: number } | undefined;
  const g = m['generation'] as BundleSummary['generation'] | undefined;
  if (!v || !a || !g || typeof m['id'] !== 'string') return null;
  const graphs = (m['graphs'] ?? []) as { bytes?: number }[];
  return {
    id: m['id'],
    name: m['name'] ?? m['id'],
    licence: m['licence'] ?? 'unknown',
    source: m['source'] ?? '',
    trained: m['trained'] === true,
    path: dir,
    bytes: graphs.reduce((s, x) => s + (x.bytes ?? 0), 0),
    maxWindowSeconds: v.maxWindowSeconds,
    sampleRate: a.sampleRate,
    hopLength: a.hopLength,
    globalFrames: v.globalFrames,
    generation: g,
    precision: precisionOf(m['precision']),
  };
}

/** The gate record of a model.json, or null when it has none (or not in the expected shape). */
function precisionOf(p: unknown): BundlePrecision | null {
  const r = p as { default?: unknown; measured?: Record<string, Record<string, unknown>> } | undefined;
  if (!r || typeof r.default !== 'string' || !r.measured || typeof r.measured !== 'object') return null;
  const variants = Object.entries(r.measured).map(([variant, f]) => ({
    variant,
    relRmsLogitsError: Number(f.relRmsLogitsError),
    argmaxAgreement: Number(f.argmaxAgreement),
    passed: f.passed === true,
  }));
  return { default: r.default, variants };
}

/** Bundles found in the folders (a folder that is itself a bundle counts too), by id, first one wins. */
export function listBundles(folders: string[]): BundleSummary[] {
  const found = new Map<string, BundleSummary>();
  for (const folder of folders) {
    const self = readBundle(folder);
    const subdirs = self
      ? []
      : safeReaddir(folder)
          .map((d) => join(folder, d))
          .filter(isDir);
    for (const b of self ? [self] : subdirs.map(readBundle)) if (b && !found.has(b.id)) found.set(b.id, b);
  }
  return [...found.values()];
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The bundle with this id, or 'bad-bundle' naming it. */
export function findBundle(folders: string[], id: string): BundleSummary {
  const b = listBundles(folders).find((x) => x.id === id);
  if (!b) throw new AppError('bad-bundle', `Model bundle "${id}" is not installed.`);
  return b;
}

/**
 * Generation defaults (the official sampling; seed 0; continuation on, prompted by the whole overlap) with the
 * bundle's global frames.
 */
export const defaultParams = (b: BundleSummary | null): GenerationParams => ({
  seed: 0,
  ...OFFICIAL_SAMPLING,
  globalFrames: b?.globalFrames ?? 32,
  continuation: true,
  continuationSeconds: 0,
});

/** Default plan: window = min(bundle maximum, video), overlap 2 s (less when the video is shorter). */
export function defaultPlan(b: BundleSummary | null, sampleRate: number, totalSamples: number): PlanSettings {
  const max = secondsToSamples(b?.maxWindowSeconds ?? 30, sampleRate);
  const windowSamples = Math.min(max, totalSamples);
  const overlapSamples = Math.min(
    secondsToSamples(b?.generation.overlapSeconds ?? 2, sampleRate),
    Math.floor(windowSamples / 2),
  );
  return { windowSamples, overlapSamples };
}
