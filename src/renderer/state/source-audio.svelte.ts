// The envelope of the project video's own audio for the timeline's source lane, fetched once per video.
import type { ApiClient } from '../../shared/api';
import type { Notices } from './notices.svelte';

/** An envelope: max |x| per `peakBlock` timeline samples. */
export interface SourcePeaks {
  peaks: number[];
  peakBlock: number;
}

/** What the source lane shows: nothing yet, decoding, the envelope, a video without audio, or a failure. */
export type SourceAudioStatus = 'idle' | 'loading' | 'ready' | 'no-audio' | 'failed';

/** Loads and holds the source audio's envelope; a later load supersedes an earlier one. */
export class SourceAudio {
  status = $state<SourceAudioStatus>('idle');
  peaks = $state.raw<SourcePeaks | null>(null);
  #token = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  /** Fetches the envelope of a project's video; a video without audio needs no request. */
  async load(projectId: string, hasAudio: boolean): Promise<void> {
    const token = ++this.#token;
    this.peaks = null;
    if (!hasAudio) {
      this.status = 'no-audio';
      return;
    }
    this.status = 'loading';
    try {
      const p = await this.api.call('media.peaks', { projectId });
      if (token !== this.#token) return;
      this.peaks = p;
      this.status = p ? 'ready' : 'no-audio';
    } catch (err) {
      if (token !== this.#token) return;
      this.status = 'failed';
      this.notices.error(err, 'The video’s audio could not be drawn');
    }
  }

  /** Forgets the envelope (the project was closed). */
  clear(): void {
    this.#token++;
    this.peaks = null;
    this.status = 'idle';
  }
}
