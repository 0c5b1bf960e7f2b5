// The reference-check driver: converts a fixture folder's checkpoint into a temporary bundle, loads it
// through the validating loader, and runs every check against the tensors its index.json lists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { convertBundle } from '../convert/convert';
import { readNpy, type NpyArray } from '../convert/npy';
import { loadBundle } from '../bundle/loader';
import type { ProviderRequest } from '../runtime/session';
import type { CheckResult, FixtureIndex, ReferenceCheck, ReferenceContext } from './check';
import { codecChecks } from './codec-checks';
import { decoderChecks } from './decoder-checks';
import { pipelineCheck } from './pipeline-check';
import { cfgVideoChecks, videoChecks } from './video-checks';

/** The checks run by default, in table order. */
export const DEFAULT_CHECKS: Record<string, ReferenceCheck> = {
  video: videoChecks,
  'cfg video': cfgVideoChecks,
  codec: codecChecks,
  decoder: decoderChecks,
  pipeline: pipelineCheck,
};

/** Options of a reference run. */
export interface ReferenceOptions extends JobOptions {
  /** Checks to run (default DEFAULT_CHECKS). */
  checks?: Record<string, ReferenceCheck>;
  /** Keep the converted bundle in this (new) folder instead of a deleted temporary one. */
  keepBundle?: string;
  /** Convert with float16 weights (the tolerances are those of fp32, so expect failures: this measures the loss). */
  fp16?: boolean;
  /** Execution provider of every graph (default 'cpu'): the same tolerances hold on each. */
  provider?: ProviderRequest;
}

/** Converts and checks the fixture folder; returns one result per comparison (failures included). */
export async function runReferenceCheck(
  fixtureDir: string,
  opts: ReferenceOptions = {},
): Promise<CheckResult[]> {
  const index = readIndex(fixtureDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vidmuse-refcheck-'));
  const bundleDir = opts.keepBundle ?? path.join(work, 'bundle');
  let ctx: ReferenceContext | null = null;
  try {
    await convertBundle({
      lmCheckpoint: path.join(fixtureDir, 'lm', 'state_dict.bin'),
      codecDir: path.join(fixtureDir, 'codec'),
      outDir: bundleDir,
      trained: false,
      id: 'reference-check',
      fp16: opts.fp16 ?? false,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    const manifest = await loadBundle(bundleDir, { verify: 'full', signal: opts.signal });
    ctx = contextOf(fixtureDir, index, bundleDir, manifest, opts.provider ?? 'cpu');
    const results: CheckResult[] = [];
    for (const [name, check] of Object.entries(opts.checks ?? DEFAULT_CHECKS)) {
      try {
        results.push(...(await check(ctx)));
      } catch (e) {
        results.push({
          name: `${name} (error)`,
          maxAbsError: null,
          tolerance: 0,
          exact: false,
          pass: false,
          detail: (e as Error).message,
        });
      }
    }
    return results;
  } finally {
    await Promise.all([...(ctx?.sessions.values() ?? [])].map((s) => s.dispose()));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function readIndex(dir: string): FixtureIndex {
  const file = path.join(dir, 'index.json');
  if (!fs.existsSync(file))
    throw new AppError('not-found', `${file}: missing (not a reference fixture folder)`);
  let index: FixtureIndex;
  try {
    index = JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureIndex;
  } catch (e) {
    throw new AppError('invalid-input', `${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!index.tensors || typeof index.tensors !== 'object')
    throw new AppError('invalid-input', `${file}: has no "tensors" map`);
  for (const need of ['lm/state_dict.bin', 'codec/config.json', 'codec/model.safetensors'])
    if (!fs.existsSync(path.join(dir, need)))
      throw new AppError('not-found', `${path.join(dir, need)}: missing`);
  return index;
}

function contextOf(
  fixtureDir: string,
  index: FixtureIndex,
  bundleDir: string,
  manifest: ReferenceContext['manifest'],
  provider: ProviderRequest,
): ReferenceContext {
  const cache = new Map<string, NpyArray>();
  return {
    provider,
    sessions: new Map(),
    fixtureDir,
    index,
    bundleDir,
    manifest,
    has: (name) => name in index.tensors,
    npy: (name) => {
      const entry = index.tensors[name];
      if (!entry) throw new AppError('invalid-input', `${fixtureDir}: index.json lists no tensor "${name}"`);
      let a = cache.get(name);
      if (!a) {
        a = readNpy(path.join(fixtureDir, entry.file));
        if (a.shape.join(',') !== entry.shape.join(','))
          throw new AppError(
            'invalid-input',
            `${entry.file}: shape [${a.shape}] but index.json says [${entry.shape}]`,
          );
        cache.set(name, a);
      }
      return a;
    },
  };
}
