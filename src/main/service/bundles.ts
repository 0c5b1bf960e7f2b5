// Installed model bundles: every folder with a model.json under the configured bundle folders.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleInfo, BundlePrecision, GenerationParams, PlanSettings } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { OFFICIAL_SAMPLING } from '../../shared/generation-defaults';
import { secondsToSamples } from '../../shared/time';
import { readManifest, type BundleManifest, type PrecisionRecord } from '../../inference/client';

/** The parts of a bundle manifest the studio reads (the pipeline validates the rest). */
export interface BundleSummary extends BundleInfo {
  hopLength: number;
  globalFrames: number;
  generation: BundleManifest['generation'];
}

/** The bundle in `dir`, or null when the folder holds no readable, well-formed model.json. */
function readBundle(dir: string): BundleSummary | null {
  let m: BundleManifest;
  try {
    m = readManifest(dir).manifest;
  } catch (e) {
    if (e instanceof AppError && e.code === 'bad-bundle') return null;
    throw e;
  }
  return {
    id: m.id,
    name: m.name,
    licence: m.licence,
    source: m.source,
    trained: m.trained,
    path: dir,
    bytes: m.graphs.reduce((s, g) => s + g.bytes, 0),
    maxWindowSeconds: m.video.maxWindowSeconds,
    sampleRate: m.audio.sampleRate,
    hopLength: m.audio.hopLength,
    globalFrames: m.video.globalFrames,
    generation: m.generation,
    precision: m.precision ? precisionOf(m.precision) : null,
  };
}

/** The gate record as the editor shows it: the default variant and each variant's figures. */
function precisionOf(p: PrecisionRecord): BundlePrecision {
  const variants = Object.entries(p.measured).map(([variant, f]) => ({
    variant,
    relRmsLogitsError: f.relRmsLogitsError,
    argmaxAgreement: f.argmaxAgreement,
    passed: f.passed,
  }));
  const byProvider: Record<string, string> = {};
  for (const [name, g] of Object.entries(p.byProvider ?? {})) byProvider[name] = g.default;
  return { default: p.default, provider: p.provider ?? 'cpu', byProvider, variants };
}

/** Bundles found in the folders (a folder that is itself a bundle counts too; hidden ones do not), by id, first one wins. */
export function listBundles(folders: string[]): BundleSummary[] {
  const found = new Map<string, BundleSummary>();
  for (const folder of folders) {
    const self = readBundle(folder);
    const subdirs = self
      ? []
      : safeReaddir(folder)
          // Hidden folders are imports and conversions still being written: not bundles yet.
          .filter((d) => !d.startsWith('.'))
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
