// Reading a project ('project.get', how the editor refreshes and the CLI lists; 'project.previewPlan') changes
// nothing: no lock, no move up the recent list, no media row rewritten; opening it ('project.open') does all three.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listProjects } from '../../../src/cli/commands/projects';
import { openDatabase } from '../../../src/main/store/database';
import { tempDir } from '../synth-media';
import { copySample, failure, makeStudio } from './helpers';

const tmp = tempDir('project-read');
afterAll(() => tmp.remove());

/** The rows a read could touch: projects (opened_at), media (mtime) and project locks, as text. */
function rows(lib: string): { projects: unknown[]; media: unknown[]; locks: unknown[] } {
  const db = openDatabase(join(lib, 'library.db'));
  try {
    return {
      projects: db.prepare('SELECT * FROM projects ORDER BY id').all(),
      media: db.prepare('SELECT * FROM media ORDER BY id').all(),
      locks: db.prepare('SELECT project_id, token FROM project_locks ORDER BY project_id').all(),
    };
  } finally {
    db.close();
  }
}

/** Moves the project down the recent list, as if opened long ago. */
function openedLongAgo(lib: string, projectId: string): void {
  const db = openDatabase(join(lib, 'library.db'));
  db.prepare("UPDATE projects SET opened_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(projectId);
  db.close();
}

describe('project read', () => {
  it('reads a project without taking its lock or touching its rows; opening it does both', async () => {
    const lib = join(tmp.dir, 'library');
    const video = copySample(tmp.dir);
    const first = makeStudio(tmp.dir);
    const opened = await first['project.openVideo']({ path: video });
    openedLongAgo(lib, opened.id);
    // Same content, new mtime: opening records the new mtime; a read must not.
    utimesSync(video, new Date(2001, 0, 1), new Date(2001, 0, 1));
    const before = rows(lib);
    expect(before.locks).toHaveLength(1);

    const second = makeStudio(tmp.dir);
    const read = await second['project.get']({ projectId: opened.id });
    expect(read).toMatchObject({ id: opened.id, revision: opened.revision, name: opened.name });
    expect(read.media).toMatchObject({ path: video, missing: false, changed: false });
    expect(read.windows.map((w) => [w.start, w.end])).toEqual(opened.windows.map((w) => [w.start, w.end]));
    expect(second.isAllowedFile(video)).toBe(false);
    expect((await first['project.get']({ projectId: opened.id })).revision).toBe(opened.revision);
    expect((await first['project.recent']()).map((p) => p.openElsewhere)).toEqual([false]);
    expect((await second['project.recent']()).map((p) => p.openElsewhere)).toEqual([true]);
    // The CLI's listing reads every project, the one open in the editor included, and opens none.
    const [listed] = await listProjects(second);
    expect(listed).toMatchObject({ id: opened.id, openElsewhere: true, missingVideo: false });
    expect(listed!.windows).toHaveLength(opened.windows.length);
    expect(rows(lib)).toEqual(before);

    first['project.close']({ projectId: opened.id });
    const released = rows(lib);
    expect(released.locks).toEqual([]);
    await first['project.get']({ projectId: opened.id });
    await second['project.get']({ projectId: opened.id });
    const plan = { projectId: opened.id, windowSamples: 64000, overlapSamples: 16000 };
    expect((await first['project.previewPlan'](plan)).known).toBe(true);
    expect(rows(lib)).toEqual(released);

    await second['project.open']({ projectId: opened.id });
    const after = rows(lib);
    expect(after.locks).toHaveLength(1);
    expect(after.projects).not.toEqual(released.projects);
    expect(after.media).not.toEqual(released.media);
    expect(second.isAllowedFile(video)).toBe(true);

    expect((await failure(() => second['project.get']({ projectId: 'nope' }))).code).toBe('not-found');
    await first.dispose();
    await second.dispose();
  });
});
