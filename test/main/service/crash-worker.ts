// Child process for the crash test: opens the studio on a library and edits, generates and exports without
// pause, printing a line after each thing it reports complete, until the parent kills it with SIGKILL.
// Lines: "ready", "take <id>", "cmd <revision>", "export <path>". Pipes are synchronous on Linux, so a line
// that reached the parent was printed after the work it reports had returned.
import { join } from 'node:path';
import { createStudio } from '../../../src/main/service';
import type { ProjectState } from '../../../src/shared/domain';
import { testGenerator } from './fixtures';

const [libraryDir, projectId, bundleDir, outDir, seedArg, mode] = process.argv.slice(2);
let seed = Number(seedArg);
/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
const rand = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const say = (line: string): void => void process.stdout.write(line + '\n');

const studio = createStudio({
  libraryDir,
  bundleDirs: [bundleDir],
  mediaUrl: (f) => f,
  generator: testGenerator(),
  gcGraceMs: 0,
});
// Jobs in flight per kind: the worker keeps at most two of each, as a user would, instead of flooding the queue.
const inFlight = { generate: new Set<string>(), export: new Set<string>() };
studio.on('job', (j) => {
  const set = inFlight[j.kind as 'generate' | 'export'];
  if (j.status === 'queued' || j.status === 'running') set?.add(j.id);
  else set?.delete(j.id);
  if (j.status !== 'done') return;
  if (j.kind === 'generate') say(`take ${j.result}`);
  if (j.kind === 'export') say(`export ${j.result}`);
});

async function step(s: ProjectState, k: number): Promise<ProjectState> {
  const w = s.windows[rand(s.windows.length)];
  const take = w.takes.length ? w.takes[rand(w.takes.length)] : null;
  // 'export' mode keeps an export running and edits alongside; 'edit' mode edits and generates.
  const choice = mode === 'export' ? (inFlight.export.size === 0 ? 8 : 2 + rand(4)) : rand(8);
  switch (choice) {
    case 0:
    case 1:
      if (inFlight.generate.size >= 2) return s;
      await studio['generate.windows']({ projectId, windowIndices: [w.index, rand(s.windows.length)] });
      return s;
    case 2:
      return take ? studio['take.select']({ projectId, windowId: w.id, takeId: take.id }) : s;
    case 3:
      return take ? studio['take.star']({ projectId, takeId: take.id, starred: !take.starred }) : s;
    case 4:
      return take && w.takes.length > 1 ? studio['take.delete']({ projectId, takeId: take.id }) : s;
    case 5: {
      const seam = s.seams[rand(s.seams.length)];
      return studio['seam.set']({
        projectId,
        seamId: seam.id,
        lengthSamples: rand(seam.end - seam.start + 1),
        curve: 'linear',
      });
    }
    case 6:
      return s.history.canUndo ? studio['history.undo']({ projectId }) : s;
    case 7:
      return s.history.canRedo
        ? studio['history.redo']({ projectId })
        : studio['project.rename']({ projectId, name: `name-${k}` });
    default:
      if (inFlight.export.size >= 1 || s.windows.some((x) => x.selectedTakeId === null)) return s;
      await studio['export.start']({
        projectId,
        options: {
          format: 'wav',
          outputPath: join(outDir, `out-${process.pid}-${k}.wav`),
          includeOriginalAudio: false,
          musicGainDb: 0,
          originalGainDb: 0,
          ducking: false,
          loudnessTarget: -14,
        },
      });
      return s;
  }
}

async function main(): Promise<void> {
  let s = await studio['project.open']({ projectId });
  say('ready');
  for (let k = 0; ; k++) {
    const before = s.revision;
    s = await step(s, k);
    if (s.revision !== before) say(`cmd ${s.revision}`);
    await new Promise((r) => setImmediate(r));
  }
}

void main();
