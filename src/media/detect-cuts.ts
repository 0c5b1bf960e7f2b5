// Hard cuts of a video from ffmpeg's scene-change score (the scdet filter). Frames are scaled down to a
// thumbnail right after decoding: the score compares whole-frame differences, so 160 pixels across find the
// same cuts as full size while the filter chain costs almost nothing beside the decoder, which is nearly all
// of the time. The decoder skips its loop filter (it changes pixels too little to move a scene score) and
// B-frames: a cut that starts on a B-frame is found on the next reference frame, a few frames (≈ 0.1 s) late,
// far inside the half second a seam may be off its cut. Key frames alone would not do: they can be seconds
// apart, and an encoder puts one at some cuts and not at others.
import { AppError } from '../shared/errors';
import type { JobOptions } from '../shared/progress';
import { estimateEta } from '../shared/progress';
import { ProcessError, runProcess } from './process';
import { toolPath } from './tools';

/** One detected cut: the time of the first frame of the new shot, and its scene score (0–100). */
export interface SceneCut {
  seconds: number;
  score: number;
}

/** Detector settings; they are part of the cache key of the cuts. */
export interface CutDetectorSettings {
  /** scdet threshold (0–100): a frame whose scene score reaches it starts a new shot. */
  threshold: number;
  /** Width the frames are scaled to before scoring. */
  width: number;
}

/** The settings the app uses: threshold 10 is scdet's own default; a cross-fade scores far lower. */
export const DEFAULT_CUT_DETECTOR: CutDetectorSettings = { threshold: 10, width: 160 };

/** Options of a detection run: the video's duration (for progress) besides the job's signal and sink. */
export interface DetectCutsOptions extends JobOptions {
  durationSeconds: number;
  settings?: CutDetectorSettings;
  /** Decoder threads (0: ffmpeg chooses). */
  threads?: number;
}

const SCORE_LINE = /lavfi\.scd\.score:\s*([0-9.]+),\s*lavfi\.scd\.time:\s*(-?[0-9.]+)/;

/** Parses one ffmpeg log line into a cut, or null when the line is not a scdet report. */
export function parseScdetLine(line: string): SceneCut | null {
  const m = SCORE_LINE.exec(line);
  if (!m) return null;
  const seconds = Number(m[2]);
  const score = Number(m[1]);
  return Number.isFinite(seconds) && Number.isFinite(score) ? { seconds, score } : null;
}

/** The ffmpeg arguments of a detection run (exported for the benchmark, which varies them). */
export function detectCutsArgs(path: string, s: CutDetectorSettings, threads: number): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'info',
    '-threads',
    String(threads),
    '-skip_loop_filter',
    'all',
    '-skip_frame',
    'bidir',
    '-i',
    path,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `scale=${s.width}:-2:flags=fast_bilinear,scdet=threshold=${s.threshold}`,
    '-progress',
    'pipe:1',
    '-f',
    'null',
    '-',
  ];
}

/** Detects the hard cuts of a video's first video stream, in time order; reports decoded time as progress. */
export async function detectCuts(path: string, opts: DetectCutsOptions): Promise<SceneCut[]> {
  const settings = opts.settings ?? DEFAULT_CUT_DETECTOR;
  const total = Math.max(1, Math.round(opts.durationSeconds * 1000));
  const started = Date.now();
  const cuts: SceneCut[] = [];
  const onStdoutLine = (line: string): void => {
    if (!line.startsWith('out_time_us=')) return;
    const done = Math.min(total, Math.max(0, Math.round(Number(line.slice(12)) / 1000)));
    if (!Number.isFinite(done)) return;
    const etaSeconds = estimateEta(started, Date.now(), done, total);
    opts.onProgress?.({ stage: 'scenes', done, total, etaSeconds, detail: 'finding cuts' });
  };
  try {
    await runProcess(toolPath('ffmpeg'), detectCutsArgs(path, settings, opts.threads ?? 0), {
      signal: opts.signal,
      onStdoutLine,
      onStderrLine: (line) => {
        const cut = parseScdetLine(line);
        if (cut && cut.seconds > 0) cuts.push(cut);
      },
    });
  } catch (e) {
    if (e instanceof ProcessError) throw cutsError(path, e);
    throw e;
  }
  return cuts.sort((a, b) => a.seconds - b.seconds);
}

function cutsError(path: string, e: ProcessError): AppError {
  const last = e.stderrTail.at(-1) ?? 'ffmpeg failed';
  if (e.stderrTail.some((l) => l.includes('matches no streams')))
    return new AppError('no-video-stream', `${path} has no video stream to find cuts in`);
  return new AppError(
    'unreadable-media',
    `The picture of ${path} cannot be decoded to find cuts (${last})`,
    e.details,
  );
}
