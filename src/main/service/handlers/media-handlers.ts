// Handlers of what the editor draws from the project's video itself: the envelope of its own audio.
import type { ApiHandlers } from '../../../shared/api';
import { audioPeaks, type AudioPeaks } from '../../../media/audio-peaks';
import type { StudioContext } from '../context';

type MediaHandlers = Pick<ApiHandlers, 'media.peaks'>;

/** Envelopes kept per video content: a few projects' worth, the oldest dropped first. */
const KEEP = 8;

/** The media handlers of the API. */
export function mediaHandlers(ctx: StudioContext): MediaHandlers {
  const cache = new Map<string, Promise<AudioPeaks>>();
  return {
    'media.peaks': async ({ projectId }) => {
      const { media, sampleRate } = ctx.state(projectId);
      if (!media.info.hasAudio || media.missing || media.changed) return null;
      const key = `${media.contentHash}|${sampleRate}`;
      let p = cache.get(key);
      if (!p) {
        p = audioPeaks(media.path, { sampleRate });
        cache.set(key, p);
        p.catch(() => cache.delete(key));
        if (cache.size > KEEP) cache.delete(cache.keys().next().value ?? key);
      }
      const { peaks, peakBlock } = await p;
      return { peaks, peakBlock };
    },
  };
}
