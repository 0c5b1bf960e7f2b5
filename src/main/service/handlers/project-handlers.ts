// Handlers that open, create and configure projects.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ApiHandlers } from '../../../shared/api';
import type { GenerationParams, PlanPreview } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { secondsToSamples } from '../../../shared/time';
import { execute } from '../../history/history';
import { hashMediaFile } from '../../../media/hash-media';
import { probeMedia } from '../../../media/probe-media';
import { carryOver, findPlan, insertPlan } from '../../store/plans-repo';
import {
  findProjectForMedia,
  getMedia,
  getProject,
  insertMedia,
  insertProject,
  listRecentProjects,
  touchOpened,
  updateMediaLocation,
  bumpRevision,
  setProjectColumn,
} from '../../store/projects-repo';
import { mapSqliteError } from '../../store/database';
import { defaultParams, defaultPlan, listBundles } from '../bundles';
import type { StudioContext } from '../context';
import { checkMedia } from '../media-status';
import { findFileByHash } from '../find-by-hash';
import { projectPlan } from '../project-plan';
import { requirePath } from '../path-checks';
import { closeProject } from '../close-project';
import { projectsOpenElsewhere } from '../../store/lock';
import { cutsKey } from '../../../media/cuts-cache';
import { DEFAULT_CUT_DETECTOR } from '../../../media/detect-cuts';

type ProjectHandlers = Pick<
  ApiHandlers,
  | 'project.openVideo'
  | 'project.open'
  | 'project.get'
  | 'project.recent'
  | 'project.close'
  | 'project.rename'
  | 'project.relink'
  | 'project.setPlan'
  | 'project.previewPlan'
  | 'project.setParams'
  | 'project.setBundle'
>;

/** Creates a project for a video (or reopens the one already made for the same file). */
async function openVideo(ctx: StudioContext, path: string): Promise<string> {
  const abs = resolve(path);
  const info = await probeMedia(abs);
  const hash = await hashMediaFile(abs);
  const existing = findProjectForMedia(ctx.db, abs, hash);
  if (existing) return existing;
  const s = await stat(abs);
  // A trained bundle makes music; an untrained one (tests, first start) only noise, so it is the fallback.
  const all = listBundles(ctx.options.bundleDirs);
  const bundle = all.find((b) => b.trained) ?? all[0] ?? null;
  const sampleRate = bundle?.sampleRate ?? 32000;
  const total = secondsToSamples(info.durationSeconds, sampleRate);
  if (total < 1) throw new AppError('empty-media', `${abs} has no duration to score.`);
  const { settings: plan, windows: ranges } = projectPlan(
    total,
    defaultPlan(bundle, sampleRate, total),
    bundle,
    sampleRate,
  );
  try {
    return ctx.db
      .transaction(() => {
        const mediaId = insertMedia(ctx.db, {
          path: abs,
          content_hash: hash,
          bytes: s.size,
          mtime_ms: Math.round(s.mtimeMs),
          info_json: JSON.stringify(info),
        });
        const id = insertProject(ctx.db, {
          name: basename(abs).replace(/\.[^.]+$/, ''),
          media_id: mediaId,
          bundle_id: bundle?.id ?? 'none',
          sample_rate: sampleRate,
          total_samples: total,
          params_json: JSON.stringify(defaultParams(bundle)),
        });
        const planId = insertPlan(ctx.db, id, plan, ranges);
        setProjectColumn(ctx.db, id, 'plan_id', planId);
        return id;
      })
      .immediate();
  } catch (e) {
    throw mapSqliteError(e, 'create the project');
  }
}

/** Opens a project: takes its lock, checks its video, moves it to the top of the recent list. */
async function open(ctx: StudioContext, projectId: string) {
  const p = getProject(ctx.db, projectId);
  ctx.ensureOpen(projectId);
  const status = await checkMedia(ctx.db, getMedia(ctx.db, p.media_id));
  ctx.open.set(projectId, status);
  touchOpened(ctx.db, projectId);
  await loadCachedCuts(ctx, getMedia(ctx.db, p.media_id).content_hash);
  return ctx.state(projectId);
}

/**
 * The project's state, changing nothing: no lock, no recent-list move, no session state. Its media status is
 * the one this studio found when it opened the project, or for a project open elsewhere (or nowhere) one
 * checked now without recording anything.
 */
async function get(ctx: StudioContext, projectId: string) {
  const p = getProject(ctx.db, projectId);
  const status = ctx.open.get(projectId) ?? (await checkMedia(ctx.db, getMedia(ctx.db, p.media_id), false));
  return ctx.view(projectId, status);
}

/** Reads the video's cuts from the cache into the session when they were detected before (a small file). */
async function loadCachedCuts(ctx: StudioContext, contentHash: string): Promise<void> {
  if (ctx.cuts.has(contentHash)) return;
  const cached = await ctx.cutsCache.get(cutsKey(contentHash, DEFAULT_CUT_DETECTOR));
  if (cached) ctx.cuts.set(contentHash, cached);
}

/** Points the project at its moved video (a file, or a folder to search); the file must have the recorded content. */
async function relink(ctx: StudioContext, projectId: string, path: string) {
  ctx.ensureOpen(projectId);
  const m = getMedia(ctx.db, getProject(ctx.db, projectId).media_id);
  let abs = resolve(path);
  if ((await stat(abs).catch(() => null))?.isDirectory()) {
    const found = await findFileByHash(abs, m.bytes, m.content_hash);
    if (!found) throw new AppError('not-found', `No file in ${abs} has the content of this project's video.`);
    abs = found;
  } else abs = requirePath(abs, 'file', 'video');
  const hash = await hashMediaFile(abs);
  if (hash !== m.content_hash)
    throw new AppError(
      'media-changed',
      `${abs} is not this project's video: its content differs from the original.`,
    );
  const s = await stat(abs);
  ctx.db
    .transaction(() => {
      updateMediaLocation(ctx.db, m.id, abs, s.size, Math.round(s.mtimeMs));
      ctx.changed(projectId, bumpRevision(ctx.db, projectId));
    })
    .immediate();
  ctx.open.set(projectId, { missing: false, changed: false });
  return ctx.state(projectId);
}

/**
 * Switches to a plan with these settings, reusing an earlier identical plan (and its takes). With seams at
 * cuts and the video's cuts not yet known, a cuts job finds them first and then switches (the plan is
 * unchanged until it does, and cancelling it changes nothing).
 */
export function setPlan(
  ctx: StudioContext,
  projectId: string,
  req: { windowSamples: number; overlapSamples: number },
  sceneSeams = false,
) {
  ctx.ensureOpen(projectId);
  const p = getProject(ctx.db, projectId);
  const found = ctx.cuts.get(getMedia(ctx.db, p.media_id).content_hash);
  if (sceneSeams && !found) {
    ctx.jobs.submit(
      'cuts',
      { projectId, plan: req },
      { target: `project:${projectId}/cuts`, projectId, label: 'Find the cuts' },
    );
    return ctx.state(projectId);
  }
  const bundle = listBundles(ctx.options.bundleDirs).find((b) => b.id === p.bundle_id) ?? null;
  const cuts = sceneSeams && found ? found.map((c) => secondsToSamples(c.seconds, p.sample_rate)) : null;
  const { settings, windows } = projectPlan(p.total_samples, req, bundle, p.sample_rate, cuts);
  const revision = ctx.db
    .transaction(() => {
      const planId =
        findPlan(ctx.db, projectId, settings.windowSamples, settings.overlapSamples, sceneSeams) ??
        insertPlan(ctx.db, projectId, settings, windows, sceneSeams);
      // Windows whose range did not change keep their takes; undo returns to the old plan with all of them.
      if (p.plan_id && p.plan_id !== planId) carryOver(ctx.db, p.plan_id, planId);
      const label = sceneSeams ? 'Seams at cuts' : 'Change window plan';
      return execute(ctx.db, projectId, label, [{ t: 'plan', planId }]);
    })
    .immediate();
  ctx.changed(projectId, revision);
  return ctx.state(projectId);
}

/** The windows of the current plan whose takes a switch to `req` would hide (their range changes). */
export function previewPlan(
  ctx: StudioContext,
  projectId: string,
  req: { windowSamples: number; overlapSamples: number },
  sceneSeams = false,
): PlanPreview {
  // A read: no lock taken (the media status does not enter the answer).
  const p = getProject(ctx.db, projectId);
  const state = ctx.view(projectId, ctx.open.get(projectId) ?? { missing: false, changed: false });
  const withTakes = state.windows.filter((w) => w.takes.length > 0);
  const found = ctx.cuts.get(getMedia(ctx.db, p.media_id).content_hash);
  if (sceneSeams && !found)
    return { known: false, windows: withTakes.map((w) => w.index), takes: count(withTakes) };
  const bundle = listBundles(ctx.options.bundleDirs).find((b) => b.id === p.bundle_id) ?? null;
  const cuts = sceneSeams && found ? found.map((c) => secondsToSamples(c.seconds, p.sample_rate)) : null;
  const { windows } = projectPlan(p.total_samples, req, bundle, p.sample_rate, cuts);
  const lost = withTakes.filter((w) => !windows.some((n) => n.start === w.start && n.end === w.end));
  return { known: true, windows: lost.map((w) => w.index), takes: count(lost) };
}

const count = (windows: { takes: unknown[] }[]) => windows.reduce((n, w) => n + w.takes.length, 0);

/** Runs one history command and returns the new state. */
export function command(
  ctx: StudioContext,
  projectId: string,
  label: string,
  ops: Parameters<typeof execute>[3],
  coalesceKey?: string,
) {
  ctx.ensureOpen(projectId);
  let revision: number;
  try {
    revision = execute(ctx.db, projectId, label, ops, { coalesceKey });
  } catch (e) {
    throw mapSqliteError(e, label.toLowerCase());
  }
  ctx.changed(projectId, revision);
  return ctx.state(projectId);
}

/** The project handlers of the API. */
export function projectHandlers(ctx: StudioContext): ProjectHandlers {
  return {
    'project.openVideo': async ({ path }) => open(ctx, await openVideo(ctx, path)),
    'project.open': ({ projectId }) => open(ctx, projectId),
    'project.get': ({ projectId }) => get(ctx, projectId),
    'project.recent': () => {
      const elsewhere = projectsOpenElsewhere(ctx.db, ctx.token);
      return listRecentProjects(ctx.db).map((r) => ({
        id: r.id,
        name: r.name,
        videoPath: r.path,
        updatedAt: r.updated_at,
        durationSeconds: (JSON.parse(r.info_json) as { durationSeconds: number }).durationSeconds,
        openElsewhere: elsewhere.has(r.id),
      }));
    },
    'project.close': ({ projectId }) => {
      getProject(ctx.db, projectId);
      closeProject(ctx, projectId);
    },
    'project.rename': ({ projectId, name }) => {
      if (!name.trim()) throw new AppError('invalid-input', 'A project name cannot be blank.');
      return command(ctx, projectId, 'Rename project', [{ t: 'name', name: name.trim() }]);
    },
    'project.relink': ({ projectId, path }) => relink(ctx, projectId, path),
    'project.setPlan': ({ projectId, windowSamples, overlapSamples, sceneSeams }) =>
      setPlan(ctx, projectId, { windowSamples, overlapSamples }, sceneSeams ?? false),
    'project.previewPlan': ({ projectId, windowSamples, overlapSamples, sceneSeams }) =>
      previewPlan(ctx, projectId, { windowSamples, overlapSamples }, sceneSeams ?? false),
    'project.setParams': ({ projectId, params }) => {
      const current = JSON.parse(getProject(ctx.db, projectId).params_json) as GenerationParams;
      const next = {
        ...current,
        ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
      };
      return command(ctx, projectId, 'Change generation settings', [{ t: 'params', params: next }]);
    },
    'project.setBundle': ({ projectId, bundleId }) => {
      const p = getProject(ctx.db, projectId);
      const b = listBundles(ctx.options.bundleDirs).find((x) => x.id === bundleId);
      if (!b) throw new AppError('not-found', `Model bundle ${bundleId} is not installed.`);
      if (b.sampleRate !== p.sample_rate)
        throw new AppError(
          'bad-bundle',
          `Bundle "${bundleId}" runs at ${b.sampleRate} Hz; this project's timeline is at another rate.`,
        );
      return command(ctx, projectId, 'Change model', [{ t: 'bundle', bundleId }]);
    },
  };
}
