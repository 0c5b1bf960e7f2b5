// `generate`: new takes for windows of a project, made by the studio's generate jobs with the inference
// host in a worker thread; the takes land in the library, so the editor shows them on its next refresh.
import { parseArgs } from 'node:util';
import type { ProjectState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { UsageError, type Command } from '../command';
import { followJobs, throwIfFailed } from '../follow-jobs';
import { EP_USAGE, parseEp } from '../ep-option';
import { ProgressBar } from '../progress-bar';
import { LIBRARY_OPTIONS, LIBRARY_USAGE, libraryArgs, openForWork, withStudio } from '../studio-session';
import { untrainedWarning } from '../untrained-warning';

/** The generate command. */
export const generateCommand: Command = {
  summary: 'generate a new take for windows of a project (all windows by default) into the library',
  usage: `generate <project-id> [--window N ...] ${EP_USAGE} ${LIBRARY_USAGE} [--json]`,
  tools: ['ffmpeg', 'ffprobe'],
  async run(args, signal) {
    const { values: v, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        ...LIBRARY_OPTIONS,
        window: { type: 'string', multiple: true },
        ep: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const provider = parseEp(v.ep);
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give exactly one project id' : 'no project id given');
    const numbers = (v.window ?? []).map((w) => {
      const n = Number(w);
      if (w.trim() === '' || !Number.isSafeInteger(n) || n < 1)
        throw new UsageError(`--window takes a window number from 1, got "${w}"`);
      return n;
    });
    const lib = libraryArgs(v);
    const started = Date.now();
    const summary = await withStudio(
      lib,
      true,
      async (studio) => {
        const state = await openForWork(studio, positionals[0]!, lib.libraryDir);
        const wanted = windowIndices(state, numbers);
        const bundle = (await studio['models.list']()).find((b) => b.id === state.bundleId);
        process.stderr.write(untrainedWarning(bundle));
        const bar = new ProgressBar(process.stderr, 'count');
        const jobs = await followJobs(
          studio,
          async () =>
            (await studio['generate.windows']({ projectId: state.id, windowIndices: wanted })).jobIds,
          signal,
          bar,
          (_, i) => `window ${(wanted?.[i] ?? i) + 1} of ${state.windows.length}`,
        );
        throwIfFailed(jobs, (_, i) => `window ${(wanted?.[i] ?? i) + 1} of project "${state.name}"`);
        const after = await studio['project.get']({ projectId: state.id });
        const takes = jobs.map((j, i) => {
          const w = after.windows[wanted?.[i] ?? i]!;
          const t = w.takes.find((x) => x.id === j.result);
          return {
            window: w.index + 1,
            takeId: j.result,
            seed: t?.params.seed ?? null,
            selected: w.selectedTakeId === j.result,
            lengthSamples: t?.lengthSamples ?? 0,
            /** Provider and decoder precision the take was made with, e.g. "webgpu · q8". */
            runtime: j.progress?.detail ?? null,
          };
        });
        return {
          project: state.id,
          name: state.name,
          bundleId: state.bundleId,
          takes,
          elapsedSeconds: (Date.now() - started) / 1000,
        };
      },
      { provider },
    );
    process.stdout.write(
      v.json
        ? `${JSON.stringify(summary)}\n`
        : [
            ...summary.takes.map(
              (t) =>
                `window ${t.window}: take ${t.takeId} (seed ${t.seed}${t.runtime ? `, ${t.runtime}` : ''})${t.selected ? ', selected' : ''}`,
            ),
            `${summary.takes.length} take(s) for project "${summary.name}" with ${summary.bundleId}; ${summary.elapsedSeconds.toFixed(1)} s in all`,
            '',
          ].join('\n'),
    );
    return 0;
  },
};

/** 0-based indices of the asked windows (deduplicated, in order), or null for all of them. */
function windowIndices(s: ProjectState, numbers: number[]): number[] | null {
  if (numbers.length === 0) return null;
  const bad = numbers.find((n) => n > s.windows.length);
  if (bad !== undefined)
    throw new AppError(
      'invalid-input',
      `Project "${s.name}" has ${s.windows.length} window(s); there is no window ${bad}.`,
    );
  return [...new Set(numbers)].map((n) => n - 1);
}
