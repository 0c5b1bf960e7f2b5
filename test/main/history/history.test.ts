import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { COALESCE_MS, execute, historyInfo, redo, undo } from '../../../src/main/history/history';
import { insertPlan, listSeams, listWindows } from '../../../src/main/store/plans-repo';
import { getProject, insertMedia, insertProject } from '../../../src/main/store/projects-repo';
import { getSelection, insertTake } from '../../../src/main/store/takes-repo';
import { purgeDeletedTakes } from '../../../src/main/store/purge';
import { tempDir } from '../synth-media';

const tmp = tempDir('history');
afterAll(() => tmp.remove());
let n = 0;
let file: string;
let db: Db;
let projectId: string;
let planId: string;
let takes: string[];

function seed(): void {
  file = join(tmp.dir, `h${n++}.db`);
  db = openDatabase(file);
  const mediaId = insertMedia(db, {
    path: '/v.mp4',
    content_hash: 'h',
    bytes: 1,
    mtime_ms: 1,
    info_json: '{}',
  });
  projectId = insertProject(db, {
    name: 'Film',
    media_id: mediaId,
    bundle_id: 'b',
    sample_rate: 32000,
    total_samples: 100,
    params_json: '{"seed":0}',
  });
  planId = insertPlan(db, projectId, { windowSamples: 60, overlapSamples: 20 }, [
    { start: 0, end: 60 },
    { start: 40, end: 100 },
  ]);
  db.prepare('UPDATE projects SET plan_id = ? WHERE id = ?').run(planId, projectId);
  const w = listWindows(db, planId)[0].id;
  const take = {
    window_id: w,
    seed: 1,
    params_json: '{}',
    bundle_id: 'b',
    codes_hash: 'c',
    audio_hash: 'a',
    length_samples: 60,
    peaks: Buffer.alloc(4),
    peak_block: 320,
  };
  takes = [insertTake(db, take), insertTake(db, take)];
}

const windowId = () => listWindows(db, planId)[0].id;
const seam = () => listSeams(db, planId)[0];

describe('history', () => {
  beforeEach(seed);

  it('undoes and redoes a selection, and the seam default is equal-power over the full overlap', () => {
    expect(seam()).toMatchObject({ start: 40, end: 60, length_samples: 20, curve: 'equal-power' });
    execute(db, projectId, 'Select take', [{ t: 'select', windowId: windowId(), takeId: takes[0] }]);
    execute(db, projectId, 'Select take', [{ t: 'select', windowId: windowId(), takeId: takes[1] }]);
    expect(getSelection(db, windowId())).toBe(takes[1]);
    undo(db, projectId);
    expect(getSelection(db, windowId())).toBe(takes[0]);
    undo(db, projectId);
    expect(getSelection(db, windowId())).toBeNull();
    expect(historyInfo(db, projectId)).toEqual({
      canUndo: false,
      canRedo: true,
      undoLabel: null,
      redoLabel: 'Select take',
    });
    redo(db, projectId);
    redo(db, projectId);
    expect(getSelection(db, windowId())).toBe(takes[1]);
    expect(() => redo(db, projectId)).toThrow(/Nothing to redo/);
  });

  it('inverts every kind of edit exactly', () => {
    const before = JSON.stringify(
      db
        .prepare('SELECT * FROM projects p, seams s, takes t ORDER BY t.id')
        .all()
        .map((r) => ({ ...(r as object), revision: 0, updated_at: 0, history_pos: 0 })),
    );
    execute(db, projectId, 'Edit all', [
      { t: 'star', takeId: takes[0], starred: true },
      { t: 'deleted', takeId: takes[1], deleted: true },
      { t: 'seam', seamId: seam().id, lengthSamples: 10, curve: 's-curve' },
      { t: 'name', name: 'Renamed' },
      { t: 'params', params: { seed: 9 } as never },
      { t: 'bundle', bundleId: 'other' },
    ]);
    expect(getProject(db, projectId)).toMatchObject({
      name: 'Renamed',
      bundle_id: 'other',
      params_json: '{"seed":9}',
    });
    expect(seam()).toMatchObject({ length_samples: 10, curve: 's-curve' });
    undo(db, projectId);
    const after = JSON.stringify(
      db
        .prepare('SELECT * FROM projects p, seams s, takes t ORDER BY t.id')
        .all()
        .map((r) => ({ ...(r as object), revision: 0, updated_at: 0, history_pos: 0 })),
    );
    expect(after).toBe(before);
  });

  it('persists undo and redo across a restart', () => {
    execute(db, projectId, 'Rename project', [{ t: 'name', name: 'A' }]);
    execute(db, projectId, 'Rename project', [{ t: 'name', name: 'B' }]);
    undo(db, projectId);
    db.close();
    db = openDatabase(file);
    expect(historyInfo(db, projectId)).toEqual({
      canUndo: true,
      canRedo: true,
      undoLabel: 'Rename project',
      redoLabel: 'Rename project',
    });
    redo(db, projectId);
    expect(getProject(db, projectId).name).toBe('B');
    undo(db, projectId);
    undo(db, projectId);
    expect(getProject(db, projectId).name).toBe('Film');
  });

  it('drops the redo branch when a new edit follows an undo', () => {
    execute(db, projectId, 'Rename project', [{ t: 'name', name: 'A' }]);
    undo(db, projectId);
    execute(db, projectId, 'Star take', [{ t: 'star', takeId: takes[0], starred: true }]);
    expect(historyInfo(db, projectId)).toMatchObject({ canRedo: false, undoLabel: 'Star take' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 1 });
  });

  it('folds a drag (same coalesce key, close together) into one step and keeps separate drags apart', () => {
    const id = seam().id;
    const set = (len: number, t: number) =>
      execute(
        db,
        projectId,
        'Change crossfade',
        [{ t: 'seam', seamId: id, lengthSamples: len, curve: 'linear' }],
        { coalesceKey: `seam:${id}`, nowMs: t },
      );
    set(18, 1000);
    set(15, 1100);
    set(12, 1200);
    set(8, 1200 + COALESCE_MS + 1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 2 });
    undo(db, projectId);
    expect(seam()).toMatchObject({ length_samples: 12, curve: 'linear' });
    undo(db, projectId);
    expect(seam()).toMatchObject({ length_samples: 20, curve: 'equal-power' });
  });

  it('starts a new step for an edit right after an undo, even with the same coalesce key', () => {
    const id = seam().id;
    const set = (len: number, t: number) =>
      execute(
        db,
        projectId,
        'Change crossfade',
        [{ t: 'seam', seamId: id, lengthSamples: len, curve: 'linear' }],
        { coalesceKey: `seam:${id}`, nowMs: t },
      );
    set(18, 1000);
    execute(db, projectId, 'Rename project', [{ t: 'name', name: 'A' }], { nowMs: 1050 });
    undo(db, projectId);
    set(10, 1200);
    expect(db.prepare('SELECT seq, label FROM history ORDER BY seq').all()).toEqual([
      { seq: 1, label: 'Change crossfade' },
      { seq: 2, label: 'Change crossfade' },
    ]);
    undo(db, projectId);
    expect(seam()).toMatchObject({ length_samples: 18, curve: 'linear' });
  });

  it('purges a deleted take only once no undo or redo step can bring it back', () => {
    execute(db, projectId, 'Delete take', [{ t: 'deleted', takeId: takes[1], deleted: true }]);
    expect(purgeDeletedTakes(db)).toBe(0);
    undo(db, projectId);
    redo(db, projectId);
    expect(purgeDeletedTakes(db)).toBe(0);
    undo(db, projectId);
    execute(db, projectId, 'Delete take', [{ t: 'deleted', takeId: takes[1], deleted: true }]);
    db.prepare('DELETE FROM history').run(); // as if the steps fell off the history limit
    expect(purgeDeletedTakes(db)).toBe(1);
    expect(db.prepare('SELECT id FROM takes').all()).toEqual([{ id: takes[0] }]);
  });

  it('refuses edits of rows outside the project and writes nothing', () => {
    const rev = getProject(db, projectId).revision;
    const bad = (ops: Parameters<typeof execute>[3], code: string) => {
      let err: unknown;
      try {
        execute(db, projectId, 'Bad', ops);
      } catch (e) {
        err = e;
      }
      expect((err as AppError).code).toBe(code);
    };
    bad(
      [
        { t: 'star', takeId: takes[0], starred: true },
        { t: 'star', takeId: 'nope', starred: true },
      ],
      'not-found',
    );
    bad([{ t: 'select', windowId: listWindows(db, planId)[1].id, takeId: takes[0] }], 'invalid-input');
    bad([{ t: 'seam', seamId: seam().id, lengthSamples: 21, curve: 'linear' }], 'invalid-input');
    bad([{ t: 'plan', planId: 'elsewhere' }], 'not-found');
    expect(getProject(db, projectId).revision).toBe(rev);
    expect(db.prepare('SELECT starred FROM takes WHERE id = ?').get(takes[0])).toEqual({ starred: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 0 });
    expect(() => undo(db, projectId)).toThrow(/Nothing to undo/);
  });
});
