// Builds the ProjectState the editor renders from the database, with URLs from the transport.
import type { GenerationParams, ProjectState, SeamInfo, TakeInfo, WindowInfo } from '../../shared/domain';
import type { MediaInfo } from '../../shared/media';
import type { SceneCut } from '../../media/detect-cuts';
import type { Db } from '../store/database';
import type { FileStore } from '../store/file-store';
import { historyInfo } from '../history/history';
import { getPlan, listSeams, listWindows } from '../store/plans-repo';
import { getMedia, getProject } from '../store/projects-repo';
import { listPlanTakes, planSelections, type TakeRow } from '../store/takes-repo';

/** Whether the video is where the project recorded it and unchanged. */
export interface MediaStatus {
  missing: boolean;
  changed: boolean;
}

/** The UI form of a take row. */
export function takeInfo(t: TakeRow, files: FileStore, mediaUrl: (file: string) => string): TakeInfo {
  const peaks = new Float32Array(
    t.peaks.buffer.slice(t.peaks.byteOffset, t.peaks.byteOffset + t.peaks.byteLength),
  );
  return {
    id: t.id,
    windowId: t.window_id,
    params: JSON.parse(t.params_json) as GenerationParams,
    bundleId: t.bundle_id,
    createdAt: t.created_at,
    starred: t.starred === 1,
    lengthSamples: t.length_samples,
    audioUrl: mediaUrl(files.path(t.audio_hash, 'wav')),
    peaks: Array.from(peaks, (x) => Math.round(x * 1e4) / 1e4),
    peakBlock: t.peak_block,
    continuedTakeId: t.continued_take_id,
  };
}

/** Everything the editor shows about a project, read in one snapshot. */
export function projectState(
  db: Db,
  files: FileStore,
  projectId: string,
  mediaUrl: (file: string) => string,
  status: MediaStatus,
  cutsOf: (contentHash: string) => SceneCut[] | null,
): ProjectState {
  return db.transaction(() => {
    const p = getProject(db, projectId);
    const m = getMedia(db, p.media_id);
    const planId = p.plan_id ?? '';
    const selected = planSelections(db, planId);
    const takes = listPlanTakes(db, planId);
    const windows: WindowInfo[] = listWindows(db, planId).map((w) => ({
      id: w.id,
      index: w.idx,
      start: w.start,
      end: w.end,
      selectedTakeId: selected.get(w.id) ?? null,
      takes: takes.filter((t) => t.window_id === w.id).map((t) => takeInfo(t, files, mediaUrl)),
    }));
    const seams: SeamInfo[] = listSeams(db, planId).map((s) => ({
      id: s.id,
      index: s.idx,
      start: s.start,
      end: s.end,
      lengthSamples: s.length_samples,
      curve: s.curve,
      // The studio's context fills in each seam's state from the project's music.
      continuity: { kind: 'crossfade', reason: 'no-take' },
    }));
    const { sceneSeams, ...plan } = windows.length
      ? planSettingsOf(db, planId)
      : { windowSamples: 0, overlapSamples: 0, sceneSeams: false };
    const cuts = cutsOf(m.content_hash);
    return {
      id: p.id,
      name: p.name,
      revision: p.revision,
      sampleRate: p.sample_rate,
      totalSamples: p.total_samples,
      media: {
        id: m.id,
        path: m.path,
        contentHash: m.content_hash,
        info: JSON.parse(m.info_json) as MediaInfo,
        url: mediaUrl(m.path),
        missing: status.missing,
        changed: status.changed,
      },
      bundleId: p.bundle_id,
      params: JSON.parse(p.params_json) as GenerationParams,
      plan,
      sceneSeams,
      cuts: cuts ? cuts.map((c) => Math.round(c.seconds * p.sample_rate)) : null,
      windows,
      seams,
      history: historyInfo(db, projectId),
    };
  })();
}

function planSettingsOf(
  db: Db,
  planId: string,
): { windowSamples: number; overlapSamples: number; sceneSeams: boolean } {
  const r = getPlan(db, planId)!;
  return {
    windowSamples: r.window_samples,
    overlapSamples: r.overlap_samples,
    sceneSeams: r.scene_seams === 1,
  };
}
