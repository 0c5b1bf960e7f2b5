// `score`: a video in, the video with a generated soundtrack (or the music alone) out. It runs the editor's
// pipeline (score-project.ts): a project, the studio's generate jobs in the worker host, the studio's mixdown
// (continuous runs decoded as one code stream, the other seams crossfaded), then the export.
import type { ExportResult } from '../../main/export/export-video';
import { exportVideo } from '../../main/export/export-video';
import { plainExport } from '../../shared/export';
import type { ProjectState } from '../../shared/domain';
import { readManifest } from '../../inference';
import type { SceneCut } from '../../media/detect-cuts';
import type { Command } from '../command';
import { ProgressBar } from '../progress-bar';
import { scoreProject, withScoreStudio, type ScoredProject } from '../score-project';
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
      const { scored, written } = await withScoreStudio(a, async (studio) => {
        const scored = await scoreProject(studio, a, signal, bar);
        const written = await exportVideo(
          {
            videoPath: a.video,
            music: scored.music,
            musicSampleRate: scored.state.sampleRate,
            options: plainExport(a.format, a.output),
          },
          { signal, onProgress: (p) => bar.update(p) },
        );
        return { scored, written };
      });
      bar.done();
      process.stdout.write(formatSummary(a, scored, written, (Date.now() - started) / 1000));
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

/** The stdout summary: one JSON object with --json, else a few readable lines. */
function formatSummary(a: ScoreArgs, r: ScoredProject, w: ExportResult, seconds: number): string {
  const s = r.state;
  const sr = s.sampleRate;
  const summary = {
    output: w.outputPath,
    format: w.format,
    video: a.video,
    model: a.modelDir,
    ...(a.library ? { library: a.library, project: s.id } : {}),
    provider: r.provider?.provider ?? null,
    providerReason: r.provider?.reason ?? null,
    runtime: r.runtime,
    durationSeconds: s.totalSamples / sr,
    musicSamples: s.totalSamples,
    musicSampleRate: sr,
    outputSamples: w.samples,
    outputSampleRate: w.sampleRate,
    videoCopied: w.videoCopied,
    windows: s.windows.map((x) => ({
      start: x.start,
      end: x.end,
      startSeconds: x.start / sr,
      endSeconds: x.end / sr,
    })),
    overlapSeconds: s.plan.overlapSamples / sr,
    continuousSeams: s.seams.filter((x) => x.continuity.kind === 'continuous').length,
    ...(r.scene ? sceneSummary(s, r.scene) : {}),
    seed: a.seed,
    integratedLufs: w.integratedLufs,
    elapsedSeconds: seconds,
  };
  if (a.json) return `${JSON.stringify(summary)}\n`;
  return [
    `wrote ${w.outputPath} (${w.format}, ${summary.durationSeconds.toFixed(3)} s, ${w.sampleRate} Hz, ${w.integratedLufs.toFixed(1)} LUFS)`,
    `${s.windows.length} window(s) of up to ${(s.plan.windowSamples / sr).toFixed(2)} s, overlap ${summary.overlapSeconds.toFixed(2)} s, ` +
      `${summary.continuousSeams} of ${s.seams.length} seam(s) continuous, seed ${a.seed}, ${r.runtime ?? 'no engine'}` +
      (r.provider ? ` (${r.provider.reason})` : ''),
    ...(r.scene
      ? [
          `${r.scene.cuts.length} cut(s) ${r.scene.cached ? 'from cache' : 'detected'}; ` +
            `${seamCuts(s, r.scene.cuts).filter((c) => c !== null).length} of ${s.seams.length} seam(s) centred on a cut`,
        ]
      : []),
    ...(a.library ? [`project ${s.id} in ${a.library}`] : []),
    `${seconds.toFixed(1)} s in all`,
    '',
  ].join('\n');
}

/** The cut (seconds) each seam is centred on, or null: a cut inside the overlap, within half a frame of its centre. */
function seamCuts(s: ProjectState, cuts: readonly SceneCut[]): (number | null)[] {
  const sr = s.sampleRate;
  return s.seams.map((x) => {
    const centre = (x.start + x.end) / 2 / sr;
    const near = cuts.filter((c) => Math.abs(c.seconds - centre) <= 0.5);
    near.sort((p, q) => Math.abs(p.seconds - centre) - Math.abs(q.seconds - centre));
    return near[0]?.seconds ?? null;
  });
}

/** The cuts and each seam's cut for --json. */
function sceneSummary(s: ProjectState, scene: { cuts: SceneCut[]; cached: boolean }) {
  const sr = s.sampleRate;
  const at = seamCuts(s, scene.cuts);
  return {
    sceneSeams: true,
    cutsCached: scene.cached,
    cuts: scene.cuts.map((c) => ({ seconds: c.seconds, score: c.score })),
    seams: s.seams.map((x, i) => ({
      start: x.start,
      end: x.end,
      centreSeconds: (x.start + x.end) / 2 / sr,
      cutSeconds: at[i] ?? null,
    })),
  };
}
