// `projects`: the library's recent projects with their windows and takes, as the editor's start screen
// lists them, read through the studio ('project.recent', then 'project.get' for each: nothing is opened).
import { parseArgs } from 'node:util';
import type { Studio } from '../../main/service';
import type { ProjectState, ProjectSummary } from '../../shared/domain';
import { UsageError, type Command } from '../command';
import { LIBRARY_OPTIONS, LIBRARY_USAGE, libraryArgs, withStudio } from '../studio-session';

/** One project as `projects --json` prints it (`openElsewhere`: another instance has it open). */
export interface ProjectListing extends ProjectSummary {
  missingVideo: boolean;
  changedVideo: boolean;
  windows: {
    number: number;
    startSeconds: number;
    endSeconds: number;
    selectedTakeId: string | null;
    takes: TakeListing[];
  }[];
  takeCount: number;
  selectedCount: number;
}

/** A take in the listing. */
interface TakeListing {
  id: string;
  seed: number;
  bundleId: string;
  createdAt: string;
  starred: boolean;
}

/** The projects command. */
export const projectsCommand: Command = {
  summary: "list the projects of the library (the editor's recent projects) with their windows and takes",
  usage: `projects ${LIBRARY_USAGE} [--json]`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { ...LIBRARY_OPTIONS, json: { type: 'boolean' } },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const lib = libraryArgs(values);
    const list = await withStudio(lib, false, (studio) => listProjects(studio));
    process.stdout.write(values.json ? `${JSON.stringify(list)}\n` : formatList(list, lib.libraryDir));
    return 0;
  },
};

/** Every recent project with its state, read without opening any: no lock taken, the recent order kept. */
export async function listProjects(studio: Studio): Promise<ProjectListing[]> {
  const out: ProjectListing[] = [];
  for (const p of await studio['project.recent']())
    out.push(listing(p, await studio['project.get']({ projectId: p.id })));
  return out;
}

function listing(p: ProjectSummary, s: ProjectState): ProjectListing {
  const sec = (n: number): number => n / s.sampleRate;
  const windows = s.windows.map((w) => ({
    number: w.index + 1,
    startSeconds: sec(w.start),
    endSeconds: sec(w.end),
    selectedTakeId: w.selectedTakeId,
    takes: w.takes.map((t) => ({
      id: t.id,
      seed: t.params.seed,
      bundleId: t.bundleId,
      createdAt: t.createdAt,
      starred: t.starred,
    })),
  }));
  return {
    ...p,
    name: s.name,
    missingVideo: s.media.missing,
    changedVideo: s.media.changed,
    windows,
    takeCount: windows.reduce((n, w) => n + w.takes.length, 0),
    selectedCount: windows.filter((w) => w.selectedTakeId).length,
  };
}

/** Two lines a project: id, name, length and takes; then the video and its state. */
function formatList(list: ProjectListing[], libraryDir: string): string {
  if (list.length === 0) return `no projects in ${libraryDir}\n`;
  const lines = list.flatMap((p) => {
    const takes = p.openElsewhere
      ? 'open in another VidMuse Studio instance'
      : `${p.windows.length} window(s), ${p.takeCount} take(s), ${p.selectedCount}/${p.windows.length} window(s) with a selected take`;
    const flag = p.missingVideo ? ' [video missing]' : p.changedVideo ? ' [video changed]' : '';
    return [`${p.id}  ${p.name}  ${p.durationSeconds.toFixed(2)} s  ${takes}`, `    ${p.videoPath}${flag}`];
  });
  return `${lines.join('\n')}\n`;
}
