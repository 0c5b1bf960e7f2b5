// The project's music as export (and playback) render it: the selected take of every window; a run of windows
// joined by continuous seams is one codec decode of its joined codes, the other seams crossfade with their
// curve and length. Without a codec decoder, or when a take's codes are missing, seams crossfade and say why.
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { mixdown } from '../../shared/timeline/mixdown';
import type { RunTake, SeamState } from '../../shared/timeline/continuity';
import { seamState } from '../../shared/timeline/continuity';
import { runClips } from '../../shared/timeline/run-clips';
import type { Db } from '../store/database';
import type { FileStore } from '../store/file-store';
import { listSeams, listWindows, type WindowRow } from '../store/plans-repo';
import { getProject } from '../store/projects-repo';
import { getTakeWithProject, planSelections, type TakeRow } from '../store/takes-repo';
import { listBundles } from './bundles';
import { decodeWavFloat } from '../../shared/timeline/wav';

/** One codec decode of codes [K, frames] with a bundle's codec, cut to `samples`. */
export type CodeDecoder = (
  req: { bundlePath: string; codes: Int32Array; samples: number },
  opts: JobOptions,
) => Promise<Float32Array>;

/** Where the project's takes are and how joined codes are decoded (absent: every seam crossfades). */
export interface MusicSources {
  db: Db;
  files: FileStore;
  bundleDirs: string[];
  decoder?: CodeDecoder | null;
}

interface Selected {
  windows: WindowRow[];
  takes: (TakeRow | undefined)[];
}

function selected(db: Db, planId: string): Selected {
  const sel = planSelections(db, planId);
  const windows = listWindows(db, planId);
  const takes = windows.map((w) => {
    const id = sel.get(w.id);
    return id ? getTakeWithProject(db, id) : undefined;
  });
  return { windows, takes };
}

const runTake = (files: FileStore, t: TakeRow | undefined): RunTake | null =>
  t
    ? {
        takeId: t.id,
        codesAvailable: existsSync(files.path(t.codes_hash, 'i32')),
        continued:
          t.continued_take_id !== null && t.continued_from !== null && t.continued_frames !== null
            ? { takeId: t.continued_take_id, fromFrame: t.continued_from, frames: t.continued_frames }
            : null,
      }
    : null;

/** The bundle's codec hop, or null when the project's bundle is not installed. */
function bundleOf(src: MusicSources, bundleId: string) {
  return listBundles(src.bundleDirs).find((b) => b.id === bundleId) ?? null;
}

function statesOf(src: MusicSources, s: Selected, hop: number | null): SeamState[] {
  return s.windows.slice(1).map((w, i) => {
    const st = seamState(
      s.windows[i]!,
      w,
      runTake(src.files, s.takes[i]),
      runTake(src.files, s.takes[i + 1]),
      hop ?? 1,
    );
    if (st.kind === 'continuous' && (hop === null || !src.decoder))
      return { kind: 'crossfade', reason: 'no-decoder' } as const;
    return st;
  });
}

/** Each seam's state in the project's current plan (continuous, or crossfaded and why). */
export function projectSeamStates(src: MusicSources, projectId: string): SeamState[] {
  const p = getProject(src.db, projectId);
  const b = bundleOf(src, p.bundle_id);
  return statesOf(src, selected(src.db, p.plan_id ?? ''), b?.hopLength ?? null);
}

function readCodes(files: FileStore, t: TakeRow): Int32Array {
  const bytes = readFileSync(files.path(t.codes_hash, 'i32'));
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The selected takes of the project's current plan, rendered to the video's length (before loudness). */
export async function renderProjectMusic(
  src: MusicSources,
  projectId: string,
  opts: JobOptions = {},
): Promise<Float32Array> {
  const p = getProject(src.db, projectId);
  const planId = p.plan_id ?? '';
  const s = selected(src.db, planId);
  s.takes.forEach((t, i) => {
    if (!t)
      throw new AppError(
        'invalid-input',
        `Window ${i + 1} has no selected take; generate or pick one before exporting.`,
      );
  });
  const takes = s.takes as TakeRow[];
  const bundle = bundleOf(src, p.bundle_id);
  const hop = bundle?.hopLength ?? null;
  const states = statesOf(src, s, hop);
  const codesOf = (i: number) => readCodes(src.files, takes[i]!);
  // Codebooks per frame, from a take's codes file (only read when a run is decoded).
  const codebooks = (i: number) => codesOf(i).length / Math.ceil(takes[i]!.length_samples / (hop ?? 1));
  const { clips, crossfades } = await runClips(s.windows, states, {
    codebooks: states.some((x) => x.kind === 'continuous') ? codebooks(0) : 0,
    hop: hop ?? 1,
    codesOf,
    pcmOf: (i) => decodeWavFloat(readFileSync(src.files.path(takes[i]!.audio_hash, 'wav'))).pcm,
    decode: (codes, samples) => src.decoder!({ bundlePath: bundle!.path, codes, samples }, opts),
  });
  const seamRows = listSeams(src.db, planId);
  const seams = crossfades.map((k) => {
    const r = seamRows[k]!;
    const pad = (r.end - r.start - r.length_samples) >> 1;
    return { startSample: r.start + pad, endSample: r.start + pad + r.length_samples, curve: r.curve };
  });
  return mixdown({
    sampleRate: p.sample_rate,
    totalSamples: p.total_samples,
    clips,
    seams,
    fadeInSamples: 0,
    fadeOutSamples: 0,
  });
}
