// The shipped tiny bundle run by a real inference host (a worker thread), for studio tests of the music itself:
// continuation, continuous seams, playback. Apart from helpers.ts, whose tests load no inference runtime.
import path from 'node:path';
import { startWorkerHost } from '../../../src/inference';
import {
  createInferenceGenerator,
  type InferenceGenerator,
} from '../../../src/main/bridge/inference-generator';
import type { Studio } from '../../../src/main/service';
import type { ProjectState } from '../../../src/shared/domain';
import { makeStudio } from './helpers';

/** The bundle committed with the app (untrained: its music is noise, but real graphs make it). */
export const TINY_BUNDLE = path.resolve('resources/models/tiny-untrained');

/** An inference host for the tiny bundle, caching features under `dir`/cache. */
export const tinyEngine = (dir: string): InferenceGenerator =>
  createInferenceGenerator(() => startWorkerHost(), path.join(dir, 'cache'));

/** A studio on `dir`/library that generates and decodes with the tiny bundle in `engine`. */
export const tinyStudio = (dir: string, engine: InferenceGenerator): Studio =>
  makeStudio(dir, { bundleDirs: [TINY_BUNDLE], generator: engine.generator, decoder: engine.decoder });

/** Every window's selected take id. */
export const selections = (s: ProjectState): (string | null)[] => s.windows.map((w) => w.selectedTakeId);

/** Each seam as 'continuous' or the reason it crossfades. */
export const seamKinds = (s: ProjectState): string[] =>
  s.seams.map((x) => (x.continuity.kind === 'continuous' ? 'continuous' : x.continuity.reason));

/** Largest absolute sample difference (Infinity when the lengths differ). */
export const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  let e = a.length === b.length ? 0 : Infinity;
  for (let n = 0; n < Math.min(a.length, b.length); n++) e = Math.max(e, Math.abs(a[n]! - b[n]!));
  return e;
};
