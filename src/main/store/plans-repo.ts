// Window plans with their windows and seams. A plan is never deleted when the user changes it, so undoing a
// plan change brings back its windows with all their takes.
import type { SeamCurve } from '../../shared/timeline/seam-curve';
import type { SampleRange } from '../../shared/time';
import type { Db } from './database';
import { newId } from './projects-repo';

/** A windows row. */
export interface WindowRow {
  id: string;
  plan_id: string;
  idx: number;
  start: number;
  end: number;
}

/** A seams row. */
export interface SeamRow {
  id: string;
  plan_id: string;
  idx: number;
  start: number;
  end: number;
  length_samples: number;
  curve: SeamCurve;
}

/** A plans row. */
export interface PlanRow {
  id: string;
  project_id: string;
  window_samples: number;
  overlap_samples: number;
  scene_seams: number;
}

/** Inserts a plan with its windows and a full-overlap equal-power seam between neighbours; returns its id. */
export function insertPlan(
  db: Db,
  projectId: string,
  settings: { windowSamples: number; overlapSamples: number },
  windows: SampleRange[],
  sceneSeams = false,
): string {
  const planId = newId();
  db.prepare(
    'INSERT INTO plans (id, project_id, window_samples, overlap_samples, scene_seams, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    planId,
    projectId,
    settings.windowSamples,
    settings.overlapSamples,
    sceneSeams ? 1 : 0,
    new Date().toISOString(),
  );
  const win = db.prepare('INSERT INTO windows (id, plan_id, idx, start, end) VALUES (?, ?, ?, ?, ?)');
  windows.forEach((w, i) => win.run(newId(), planId, i, w.start, w.end));
  const seam = db.prepare(
    'INSERT INTO seams (id, plan_id, idx, start, end, length_samples, curve) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i + 1 < windows.length; i++) {
    const start = windows[i + 1].start;
    const end = windows[i].end;
    if (end > start) seam.run(newId(), planId, i, start, end, end - start, 'equal-power');
  }
  return planId;
}

/** The project's earlier plan with exactly these settings, if any (switching back keeps its takes). */
export function findPlan(
  db: Db,
  projectId: string,
  windowSamples: number,
  overlapSamples: number,
  sceneSeams = false,
): string | null {
  const row = db
    .prepare(
      'SELECT id FROM plans WHERE project_id = ? AND window_samples = ? AND overlap_samples = ? AND scene_seams = ? ORDER BY created_at DESC, rowid DESC',
    )
    .get(projectId, windowSamples, overlapSamples, sceneSeams ? 1 : 0) as { id: string } | undefined;
  return row?.id ?? null;
}

/** A plan row, or undefined. */
export const getPlan = (db: Db, id: string): PlanRow | undefined =>
  db.prepare('SELECT * FROM plans WHERE id = ?').get(id) as PlanRow | undefined;

/** Windows of a plan, in order. */
export const listWindows = (db: Db, planId: string): WindowRow[] =>
  db.prepare('SELECT * FROM windows WHERE plan_id = ? ORDER BY idx').all(planId) as WindowRow[];

/** Seams of a plan, in order. */
export const listSeams = (db: Db, planId: string): SeamRow[] =>
  db.prepare('SELECT * FROM seams WHERE plan_id = ? ORDER BY idx').all(planId) as SeamRow[];

/** A window with the project it belongs to, or undefined. */
export const getWindowWithProject = (
  db: Db,
  windowId: string,
): (WindowRow & { project_id: string }) | undefined =>
  db
    .prepare('SELECT w.*, p.project_id FROM windows w JOIN plans p ON p.id = w.plan_id WHERE w.id = ?')
    .get(windowId) as (WindowRow & { project_id: string }) | undefined;

/** A seam with the project it belongs to, or undefined. */
export const getSeamWithProject = (db: Db, seamId: string): (SeamRow & { project_id: string }) | undefined =>
  db
    .prepare('SELECT s.*, p.project_id FROM seams s JOIN plans p ON p.id = s.plan_id WHERE s.id = ?')
    .get(seamId) as (SeamRow & { project_id: string }) | undefined;

/**
 * A copy of a plan with other window ranges. A window whose range is unchanged keeps its takes (rows copied,
 * same files) and selection, and a seam whose overlap is unchanged keeps its crossfade; returns the new id.
 */
export function derivePlan(db: Db, planId: string, windows: SampleRange[]): string {
  const old = getPlan(db, planId);
  if (!old) throw new Error(`no plan ${planId}`);
  const settings = { windowSamples: old.window_samples, overlapSamples: old.overlap_samples };
  const id = insertPlan(db, old.project_id, settings, windows, old.scene_seams === 1);
  carryOver(db, planId, id);
  return id;
}

/**
 * Copies into plan `id` what its windows and seams share with plan `planId`: a window with the same range keeps
 * its takes (rows copied, same files) and selection, a seam with the same overlap keeps its crossfade. A window
 * of `id` that has takes already (an earlier plan switched back to) keeps its own.
 */
export function carryOver(db: Db, planId: string, id: string): void {
  const before = listWindows(db, planId);
  const copyTake = db.prepare(
    `INSERT INTO takes (id, window_id, seed, params_json, bundle_id, codes_hash, audio_hash, length_samples,
       peaks, peak_block, starred, deleted, created_at)
     SELECT ?, ?, seed, params_json, bundle_id, codes_hash, audio_hash, length_samples, peaks, peak_block,
       starred, deleted, created_at FROM takes WHERE id = ?`,
  );
  const selected = db.prepare('SELECT take_id FROM selections WHERE window_id = ?');
  const select = db.prepare('INSERT INTO selections (window_id, take_id) VALUES (?, ?)');
  for (const w of listWindows(db, id)) {
    const same = before.find((x) => x.start === w.start && x.end === w.end);
    if (!same || db.prepare('SELECT 1 FROM takes WHERE window_id = ? LIMIT 1').get(w.id)) continue;
    const sel = (selected.get(same.id) as { take_id: string | null } | undefined)?.take_id ?? null;
    const takes = db.prepare('SELECT id FROM takes WHERE window_id = ?').all(same.id) as { id: string }[];
    for (const t of takes) {
      const copy = newId();
      copyTake.run(copy, w.id, t.id);
      if (t.id === sel) select.run(w.id, copy);
    }
  }
  const oldSeams = listSeams(db, planId);
  const keep = db.prepare('UPDATE seams SET length_samples = ?, curve = ? WHERE id = ?');
  for (const s of listSeams(db, id)) {
    const same = oldSeams.find((x) => x.start === s.start && x.end === s.end);
    if (same) keep.run(same.length_samples, same.curve, s.id);
  }
}

/** Sets a seam's crossfade length and curve. */
export function setSeamFade(db: Db, seamId: string, lengthSamples: number, curve: SeamCurve): void {
  db.prepare('UPDATE seams SET length_samples = ?, curve = ? WHERE id = ?').run(lengthSamples, curve, seamId);
}

/** The window at position `idx` of a plan. */
export const getWindowAt = (db: Db, planId: string, idx: number): WindowRow | undefined =>
  db.prepare('SELECT * FROM windows WHERE plan_id = ? AND idx = ?').get(planId, idx) as WindowRow | undefined;
