// `score`: a video in, the video with a generated soundtrack (or the music alone) out. Inference runs in
// the worker host, off this thread; windows that continue each other are decoded as one code stream, the
// other seams crossfade in the mixdown, and the export writes the result.
import type { ExportResult } from '../../main/export/export-video';
import { exportVideo } from '../../main/export/export-video';
import { plainExport } from '../../shared/export';
import type { MixdownPlan } from '../../shared/timeline/mixdown';
import { mixdown } from '../../shared/timeline/mixdown';
import { seamState, type RunTake } from '../../shared/timeline/continuity';
import { runClips } from '../../shared/timeline/run-clips';
import type { InferenceJobs, ScoreResult } from '../../inference';
import { InferenceClient, readManifest, startWorkerHost } from '../../inference';
import { join } from 'node:path';
import { cachedCuts, CutsCache } from '../../media/cuts-cache';
import type { SceneCut } from '../../media/detect-cuts';
import { hashMediaFile } from '../../media/hash-media';
import { probeMedia } from '../../media/probe-media';
import type { Progress } from '../../shared/progress';
import type { Command } from '../command';
import { ProgressBar } from '../progress-bar';
import { untrainedWarning } from '../untrained-warning';
import type { ScoreArgs } from './score-args';
import { parseScoreArgs, SCORE_USAGE } from './score-args';

/** The score command. */
export const scoreCommand: Command = {
  summary:
    'score a video with generated music: writes an mp4 with the new soundtrack, or the music as WAV/FLAC',
  usage: SCORE_USAGE,
  tools: ['ffmpeg', 'ffprobe'],
  async run(args, signal) {
    const a = parseScoreArgs(args);
    process.stderr.write(untrainedWarning(trustOf(a.modelDir)));
    const bar = new ProgressBar(process.stderr, 'count');
    const started = Date.now();
    try {
      const scene = a.sceneSeams ? await sceneCuts(a, signal, (p) => bar.update(p)) : null;
      const { scored, music } = await runScore(a, scene?.cuts, signal, (p) => bar.update(p));
      const written = await exportVideo(
        {
          videoPath: a.video,
          music,
          musicSampleRate: scored.plan.sampleRate,
          options: plainExport(a.format, a.output),
        },
        { signal, onProgress: (p) => bar.update(p) },
      );
      bar.done();
      process.stdout.write(formatSummary(a, scored, written, scene, (Date.now() - started) / 1000));
      return 0;
    } finally {
      bar.done();
    }
  },
};

/** The bundle's trained flag for the warning; a folder that is no bundle is reported by the run itself. */
function trustOf(modelDir: string): { id: string; name: string; trained: boolean } | null {
  try {
    return readManifest(modelDir).manifest;
  } catch {
    return null;
  }
}

/** Runs the score job in a worker host, renders the music, and shuts the host down afterwards. */
async function runScore(
  a: ScoreArgs,
  cuts: readonly SceneCut[] | undefined,
  signal: AbortSignal,
  onProgress: (p: Parameters<ProgressBar['update']>[0]) => void,
): Promise<{ scored: ScoreResult; music: Float32Array }> {
  const client = new InferenceClient<InferenceJobs>(() => startWorkerHost());
  try {
    const options = { provider: a.provider, intraOpThreads: a.threads, decoderVariant: a.precision };
    const engine = { modelDir: a.modelDir, cacheDir: a.cacheDir, options };
    const scored = await client.run(
      'score',
      {
        engine,
        request: {
          videoPath: a.video,
          windowSeconds: a.windowSeconds,
          overlapSeconds: a.overlapSeconds,
          ...(cuts ? { cutSeconds: cuts.map((c) => c.seconds) } : {}),
          params: {
            seed: a.seed,
            temperature: a.temperature,
            topK: a.topK,
            topP: a.topP,
            cfgCoef: a.cfg,
            globalFrames: a.globalFrames,
          },
        },
      },
      { signal, onProgress },
    );
    const decode = async (codes: Int32Array, samples: number) =>
      (await client.run('decodeCodes', { engine, codes, samples }, { signal })).pcm;
    return { scored, music: mixdown(await scoreMixdownPlan(scored, decode)) };
  } finally {
    await client.dispose();
  }
}

/** The video's cuts, from the cache beside the CLIP features or detected (and then cached). */
async function sceneCuts(
  a: ScoreArgs,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<{ cuts: SceneCut[]; cached: boolean }> {
  const info = await probeMedia(a.video, { signal });
  const contentHash = await hashMediaFile(a.video, { signal, onProgress });
  const cache = new CutsCache(join(a.cacheDir, 'cuts'));
  const src = { path: a.video, contentHash, durationSeconds: info.durationSeconds };
  return cachedCuts(cache, src, { signal, onProgress });
}

/**
 * The mixdown of a scored video: each window continued the previous take over its prompt, so the takes form
 * one continuous run, decoded once from the joined codes; a seam without prompt crossfades at equal power
 * over the whole overlap. No fades at the ends.
 */
export async function scoreMixdownPlan(
  r: ScoreResult,
  decode: (codes: Int32Array, samples: number) => Promise<Float32Array>,
): Promise<MixdownPlan> {
  const hop = r.plan.hopLength;
  const windows = r.takes.map((t) => t.range);
  const runTakes: RunTake[] = r.takes.map((t, i) => ({
    takeId: String(i),
    codesAvailable: true,
    continued:
      i > 0 && r.promptFrames[i]! > 0
        ? {
            takeId: String(i - 1),
            fromFrame: (t.range.start - windows[i - 1]!.start) / hop,
            frames: r.promptFrames[i]!,
          }
        : null,
  }));
  const states = windows
    .slice(1)
    .map((w, i) => seamState(windows[i]!, w, runTakes[i]!, runTakes[i + 1]!, hop));
  const { clips, crossfades } = await runClips(windows, states, {
    codebooks: r.takes[0]!.codebooks,
    hop,
    codesOf: (i) => r.takes[i]!.codes,
    pcmOf: (i) => r.takes[i]!.pcm,
    decode,
  });
  const seams = crossfades.map((i) => ({
    startSample: windows[i + 1]!.start,
    endSample: windows[i]!.end,
    curve: 'equal-power' as const,
  }));
  return {
    sampleRate: r.plan.sampleRate,
    totalSamples: r.plan.totalSamples,
    clips,
    seams,
    fadeInSamples: 0,
    fadeOutSamples: 0,
  };
}

/** The stdout summary: one JSON object with --json, else a few readable lines. */
function formatSummary(
  a: ScoreArgs,
  r: ScoreResult,
  w: ExportResult,
  scene: { cuts: SceneCut[]; cached: boolean } | null,
  seconds: number,
): string {
  const sr = r.plan.sampleRate;
  const summary = {
    output: w.outputPath,
    format: w.format,
    video: a.video,
    model: a.modelDir,
    provider: r.provider,
    providerReason: r.providerReason,
    precision: r.precision,
    durationSeconds: r.plan.totalSamples / sr,
    musicSamples: r.plan.totalSamples,
    musicSampleRate: sr,
    outputSamples: w.samples,
    outputSampleRate: w.sampleRate,
    videoCopied: w.videoCopied,
    windows: r.plan.windows.map((x) => ({
      start: x.start,
      end: x.end,
      startSeconds: x.start / sr,
      endSeconds: x.end / sr,
    })),
    overlapSeconds: r.plan.overlapSamples / sr,
    ...(scene ? sceneSummary(r, scene) : {}),
    seed: a.seed,
    featuresCached: r.featuresCached,
    integratedLufs: w.integratedLufs,
    elapsedSeconds: seconds,
  };
  if (a.json) return `${JSON.stringify(summary)}\n`;
  return [
    `wrote ${w.outputPath} (${w.format}, ${summary.durationSeconds.toFixed(3)} s, ${w.sampleRate} Hz, ${w.integratedLufs.toFixed(1)} LUFS)`,
    `${r.plan.windows.length} window(s) of up to ${(r.plan.windowSamples / sr).toFixed(2)} s, overlap ${summary.overlapSeconds.toFixed(2)} s, seed ${a.seed}, ${r.provider} (${r.providerReason}) · ${r.precision}`,
    ...(scene
      ? [
          `${scene.cuts.length} cut(s) ${scene.cached ? 'from cache' : 'detected'}; ` +
            `${r.seamCuts.filter((c) => c !== null).length} of ${r.seamCuts.length} seam(s) centred on a cut`,
        ]
      : []),
    `CLIP features ${r.featuresCached ? 'from cache' : 'computed'}; ${seconds.toFixed(1)} s in all`,
    '',
  ].join('\n');
}

/** The cuts and each seam's cut for --json. */
function sceneSummary(r: ScoreResult, scene: { cuts: SceneCut[]; cached: boolean }) {
  const sr = r.plan.sampleRate;
  return {
    sceneSeams: true,
    cutsCached: scene.cached,
    cuts: scene.cuts.map((c) => ({ seconds: c.seconds, score: c.score })),
    seams: r.seamCuts.map((cut, i) => {
      const start = r.plan.windows[i + 1]!.start;
      const end = r.plan.windows[i]!.end;
      return {
        start,
        end,
        centreSeconds: (start + end) / 2 / sr,
        cutSeconds: cut === null ? null : cut / sr,
      };
    }),
  };
}
