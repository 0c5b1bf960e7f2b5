// The 'generate' job: runs the generator for one window and stores the result as a new take. Files are
// written (atomically) before the row that refers to them commits, so a kill at any point leaves either a
// complete take or no take plus orphan files that garbage collection removes.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { GenerationParams } from '../../../shared/domain';
import type { Db } from '../../store/database';
import type { FileStore } from '../../store/file-store';
import { getWindowAt, getWindowWithProject, type WindowRow } from '../../store/plans-repo';
import { bumpRevision, getMedia, getProject } from '../../store/projects-repo';
import {
  countWindowTakes,
  getSelection,
  getTakeWithProject,
  insertTake,
  setSelection,
} from '../../store/takes-repo';
import type { JobRunner } from '../../jobs/job-queue';
import type { ProgressSink } from '../../../shared/progress';
import { findBundle, type BundleSummary } from '../bundles';
import { promptFrames, takeSeed } from '../../../shared/generation-rules';
import type { ContinuedFrom } from '../../../shared/timeline/continuity';
import { codeColumns } from '../../../shared/timeline/code-columns';
import type { PromptCodes, WindowGenerator } from '../generator';
import { computePeaks, encodeWavFloat } from '../../../shared/timeline/wav';

/** Input of a generate job (stored, so an interrupted job can be retried). */
export interface GenerateInput {
  projectId: string;
  windowId: string;
  /** A new cue: no continuation prompt, and the take is selected at once (the seam crossfades into it). */
  independent?: boolean;
}

/** Samples per peak value: 100 peaks per second at 32 kHz. */
export const PEAK_BLOCK = 320;

/** Dependencies of the generate runner. */
export interface GenerateDeps {
  db: Db;
  files: FileStore;
  bundleDirs: string[];
  generator: () => WindowGenerator;
  changed: (projectId: string, revision: number) => void;
}

/** Seed of the next take of a window: the shared rule over the window index and the takes made so far. */
function nextSeed(db: Db, w: WindowRow, base: number): number {
  return takeSeed(base, w.idx, countWindowTakes(db, w.id));
}

/** A prompt and what it continued (recorded with the take, so the seam can play as one code stream). */
interface Continuation {
  prompt: PromptCodes;
  continued: ContinuedFrom;
}

/** The sample rate in a take's WAV header, or null when its audio file is missing or not a take WAV. */
function takeSampleRate(files: FileStore, audioHash: string): number | null {
  const path = files.path(audioHash, 'wav');
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(28);
    const n = readSync(fd, head, 0, 28, 0);
    return n === 28 && head.toString('latin1', 8, 16) === 'WAVEfmt ' ? head.readUInt32LE(24) : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * A prompt is made of another take's codes: they mean the same music only to the bundle (and codec rate) that
 * wrote them, so a take of another bundle or sample rate is refused, naming both sides.
 */
function refuseForeignPrompt(
  deps: GenerateDeps,
  w: WindowRow,
  take: { bundle_id: string; audio_hash: string },
  bundle: BundleSummary,
): void {
  const rate = takeSampleRate(deps.files, take.audio_hash);
  if (take.bundle_id === bundle.id && (rate === null || rate === bundle.sampleRate)) return;
  const made = `bundle "${take.bundle_id}"${rate === null ? '' : ` at ${rate} Hz`}`;
  throw new AppError(
    'invalid-input',
    `Window ${w.idx + 1} cannot continue window ${w.idx}'s take: it was made with ${made}; this project ` +
      `generates with bundle "${bundle.id}" at ${bundle.sampleRate} Hz. Generate window ${w.idx} again first.`,
  );
}

/**
 * Continuation prompt: the codes of the previous window's selected take over the start of this window (its
 * overlap; `continuationSeconds` of it when set), so the new take begins exactly where the timeline already
 * plays the previous one. Codes are reused as stored: no re-encoding, no drift.
 */
function promptFor(
  deps: GenerateDeps,
  w: WindowRow,
  params: GenerationParams,
  bundle: BundleSummary,
  sr: number,
  promptTakeId?: string,
): Continuation | null {
  const hop = bundle.hopLength;
  if (!params.continuation || w.idx === 0) return null;
  const prev = getWindowAt(deps.db, w.plan_id, w.idx - 1);
  const takeId = prev ? (promptTakeId ?? getSelection(deps.db, prev.id)) : null;
  const take = takeId ? getTakeWithProject(deps.db, takeId) : undefined;
  if (!prev || !take) return null;
  refuseForeignPrompt(deps, w, take, bundle);
  const path = deps.files.path(take.codes_hash, 'i32');
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  const all = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const prevFrames = Math.ceil(take.length_samples / hop);
  const K = all.length / prevFrames;
  const from = (w.start - prev.start) / hop;
  const overlap = Math.min(Math.floor((prev.end - w.start) / hop), prevFrames - from);
  const count = promptFrames(overlap, params.continuationSeconds, sr, hop);
  if (!Number.isInteger(K) || !Number.isInteger(from) || overlap <= 0 || count <= 0) return null;
  return {
    prompt: codeColumns(all, K, from, count),
    continued: { takeId: take.id, fromFrame: from, frames: count },
  };
}

/** How a take is made beyond its job input: which take of the window before prompts it, who selects it. */
export interface TakeOptions {
  /** Prompt from this take of the window before (default: its selected take). */
  promptTakeId?: string;
  /** Leave the selection alone (the caller selects, as one undo step). */
  leaveSelection?: boolean;
}

/** The runner registered for 'generate' jobs (GPU-heavy: one at a time). */
export function generateRunner(deps: GenerateDeps): JobRunner<GenerateInput> {
  return { heavy: true, run: (input, opts) => generateTake(deps, input, opts) };
}

/** Generates one take of a window and stores it; returns its id. */
export async function generateTake(
  deps: GenerateDeps,
  input: GenerateInput,
  { signal, onProgress }: { signal: AbortSignal; onProgress: ProgressSink },
  take: TakeOptions = {},
): Promise<string> {
  const { db, files } = deps;
  const w = getWindowWithProject(db, input.windowId);
  if (!w || w.project_id !== input.projectId)
    throw new AppError('not-found', `Window ${input.windowId} is not in this project.`);
  const p = getProject(db, input.projectId);
  const media = getMedia(db, p.media_id);
  const bundle = findBundle(deps.bundleDirs, p.bundle_id);
  const base = JSON.parse(p.params_json) as GenerationParams;
  const seed = nextSeed(db, w, base.seed);
  const params = { ...base, seed, ...(input.independent ? { continuation: false } : {}) };
  const cont = promptFor(deps, w, params, bundle, p.sample_rate, take.promptTakeId);
  const req = {
    bundlePath: bundle.path,
    bundleId: bundle.id,
    videoPath: media.path,
    videoHash: media.content_hash,
    start: w.start,
    end: w.end,
    sampleRate: p.sample_rate,
    totalSamples: p.total_samples,
    params,
    prompt: cont?.prompt ?? null,
  };
  let detail: string | undefined;
  const out = await deps.generator()(req, {
    signal,
    onProgress: (q) => onProgress({ ...q, ...(q.detail ? { detail: (detail = q.detail) } : {}) }),
  });
  if (out.pcm.length !== w.end - w.start)
    throw new AppError(
      'internal',
      `The generator returned ${out.pcm.length} samples for a window of ${w.end - w.start}.`,
    );
  if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
  // The generator's detail (provider and precision) stays on the job after it ends.
  onProgress({ stage: 'write', done: 0, total: 1, etaSeconds: null, ...(detail ? { detail } : {}) });
  const audio = files.put(encodeWavFloat(out.pcm, p.sample_rate), 'wav');
  const codes = files.put(
    new Uint8Array(out.codes.buffer, out.codes.byteOffset, out.codes.byteLength),
    'i32',
  );
  if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
  const peaks = computePeaks(out.pcm, PEAK_BLOCK);
  const { takeId, revision } = db
    .transaction(() => {
      const takeId = insertTake(db, {
        window_id: w.id,
        seed: params.seed,
        params_json: JSON.stringify(params),
        bundle_id: bundle.id,
        codes_hash: codes,
        audio_hash: audio,
        length_samples: out.pcm.length,
        peaks: Buffer.from(peaks.buffer),
        peak_block: PEAK_BLOCK,
        continued_take_id: cont?.continued.takeId ?? null,
        continued_from: cont?.continued.fromFrame ?? null,
        continued_frames: cont?.continued.frames ?? null,
      });
      if (!take.leaveSelection && (input.independent || getSelection(db, w.id) === null))
        setSelection(db, w.id, takeId);
      return { takeId, revision: bumpRevision(db, input.projectId) };
    })
    .immediate();
  onProgress({ stage: 'write', done: 1, total: 1, etaSeconds: 0, ...(detail ? { detail } : {}) });
  deps.changed(input.projectId, revision);
  return takeId;
}
