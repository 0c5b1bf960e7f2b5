// Handlers of the project's music as playback hears it.
import type { ApiHandlers } from '../../../shared/api';
import type { StudioContext } from '../context';
import { playbackMix } from '../playback-music';

type MusicHandlers = Pick<ApiHandlers, 'music.playback'>;

/** The music handlers of the API. */
export function musicHandlers(ctx: StudioContext): MusicHandlers {
  return {
    'music.playback': ({ projectId, audition }) => {
      ctx.ensureOpen(projectId);
      const over = new Map((audition ?? []).map((a) => [a.windowId, a.takeId]));
      return playbackMix(ctx.music, projectId, over, ctx.options.mediaUrl);
    },
  };
}
