// `export`: a project's selected takes, mixed with its seams, written as an mp4 (video copied), WAV or FLAC
// by the studio's export job, exactly as the editor's export dialog does it.
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProjectState } from '../../shared/domain';
import { plainExport, type ExportOptions } from '../../shared/export';
import { AppError } from '../../shared/errors';
import { UsageError, type Command } from '../command';
import { followJobs, throwIfFailed } from '../follow-jobs';
import { ProgressBar } from '../progress-bar';
import {
  fromCwd,
  LIBRARY_OPTIONS,
  LIBRARY_USAGE,
  libraryArgs,
  openForWork,
  withStudio,
} from '../studio-session';

/** The export command. */
export const exportCommand: Command = {
  summary:
    "export a project's selected takes: the video with its new soundtrack (mp4), or the music (WAV/FLAC)",
  usage: `export <project-id> -o <out.mp4|out.wav|out.flac> [--with-original-audio] [--loudness=LUFS] ${LIBRARY_USAGE} [--json]`,
  tools: ['ffmpeg', 'ffprobe'],
  async run(args, signal) {
    const { values: v, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        ...LIBRARY_OPTIONS,
        output: { type: 'string', short: 'o' },
        'with-original-audio': { type: 'boolean' },
        loudness: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give exactly one project id' : 'no project id given');
    const options = exportOptions(v.output, v['with-original-audio'] ?? false, v.loudness);
    const lib = libraryArgs(v);
    const started = Date.now();
    const summary = await withStudio(lib, false, async (studio) => {
      const state = await openForWork(studio, positionals[0]!, lib.libraryDir);
      requireTakes(state);
      const bar = new ProgressBar(process.stderr, 'count');
      const jobs = await followJobs(
        studio,
        // The file was named on the command line: replacing it is what the user asked for.
        async () => [(await studio['export.start']({ projectId: state.id, options, overwrite: true })).jobId],
        signal,
        bar,
      );
      throwIfFailed(jobs, () => `export of project "${state.name}" failed`);
      return {
        output: jobs[0]!.result ?? options.outputPath,
        format: options.format,
        project: state.id,
        name: state.name,
        video: state.media.path,
        durationSeconds: state.totalSamples / state.sampleRate,
        sampleRate: state.sampleRate,
        takes: state.windows.map((w) => w.selectedTakeId),
        includeOriginalAudio: options.includeOriginalAudio,
        loudnessTarget: options.loudnessTarget,
        elapsedSeconds: (Date.now() - started) / 1000,
      };
    });
    process.stdout.write(
      v.json
        ? `${JSON.stringify(summary)}\n`
        : [
            `wrote ${summary.output} (${summary.format}, ${summary.durationSeconds.toFixed(3)} s, target ${summary.loudnessTarget} LUFS)`,
            `project "${summary.name}": ${summary.takes.length} window(s)${summary.includeOriginalAudio ? ', with the original audio' : ''}; ${summary.elapsedSeconds.toFixed(1)} s in all`,
            '',
          ].join('\n'),
    );
    return 0;
  },
};

/** The editor's export defaults, with the format from the output's extension. */
function exportOptions(
  output: string | undefined,
  withOriginal: boolean,
  loudness: string | undefined,
): ExportOptions {
  if (!output) throw new UsageError('-o <output> is required');
  const format = extname(output).slice(1).toLowerCase();
  if (format !== 'mp4' && format !== 'wav' && format !== 'flac')
    throw new UsageError(`output must end in .mp4, .wav or .flac, got "${output}"`);
  const target = loudness === undefined ? -14 : Number(loudness);
  if (
    loudness !== undefined &&
    (loudness.trim() === '' || !Number.isFinite(target) || target < -40 || target > -5)
  )
    throw new UsageError(`--loudness must be between -40 and -5 LUFS, got "${loudness}"`);
  return {
    ...plainExport(format, fromCwd(output)),
    includeOriginalAudio: withOriginal,
    ducking: withOriginal,
    loudnessTarget: target,
  };
}

/** Every window needs a selected take; names the ones without. */
function requireTakes(s: ProjectState): void {
  const empty = s.windows.filter((w) => !w.selectedTakeId).map((w) => w.index + 1);
  if (empty.length === 0) return;
  const which = empty.length === 1 ? `Window ${empty[0]} has` : `Windows ${empty.join(', ')} have`;
  throw new AppError(
    'invalid-input',
    `${which} no take in project "${s.name}" (${s.windows.length} window(s)); run \`generate ${s.id}\` or pick takes in the editor first.`,
  );
}
