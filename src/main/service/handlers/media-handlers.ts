// Handlers of what the editor draws from the project's video itself: the envelope of its own audio. A read: it
// takes no project lock and records nothing.
import type { ApiHandlers } from '../../../shared/api';
import { audioPeaks, type AudioPeaks } from '../../../media/audio-peaks';
import { getMedia, getProject } from '../../store/projects-repo';
import type { StudioContext } from '../context';
import { checkMedia } from '../media-status';

type MediaHandlers = Pick<ApiHandlers, 'media.peaks'>;

/** Envelopes kept per video content: a few projects' worth, the oldest dropped first. */
const KEEP = 8;

/** The media handlers of the API. */
export function mediaHandlers(ctx: StudioContext): MediaHandlers {
  const cache = new Map<string, Promise<AudioPeaks>>();
  return {
    'media.peaks': async ({ projectId }) => {
      const p = getProject(ctx.db, projectId);
      const m = getMedia(ctx.db, p.media_id);
      const status = ctx.open.get(projectId) ?? (await checkMedia(ctx.db, m, false));
      const info = JSON.parse(m.info_json) as { hasAudio?: boolean };
      if (!info.hasAudio || status.missing || status.changed) return null;
      const key = `${m.content_hash}|${p.sample_rate}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = audioPeaks(m.path, { sampleRate: p.sample_rate });
        cache.set(key, pending);
        pending.catch(() => cache.delete(key));
        if (cache.size > KEEP) cache.delete(cache.keys().next().value ?? key);
      }
      const { peaks, peakBlock } = await pending;
      return { peaks, peakBlock };
    },
  };
}
