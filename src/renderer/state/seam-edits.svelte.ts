// Crossfade edits: a drag or slider previews the new length live (heard and drawn), then commits once at its
// end, so each gesture is one undo step.
import type { SeamInfo } from '../../shared/domain';
import type { SeamCurve } from '../../shared/timeline/seam-curve';
import type { MusicPlayer } from './music-player.svelte';
import type { ProjectStore } from './project.svelte';

/** Previews and commits seam changes. */
export class SeamEdits {
  constructor(
    private readonly music: MusicPlayer,
    private readonly project: ProjectStore,
  ) {}

  /** The length (samples) to show for a seam: the live preview while editing, else the saved one. */
  lengthOf(seam: SeamInfo): number {
    const p = this.music.seamPreview;
    return p && p.index === seam.index ? p.lengthSamples : seam.lengthSamples;
  }

  /** Previews a crossfade length, clamped to the overlap. */
  preview(seam: SeamInfo, lengthSamples: number): void {
    const len = Math.max(0, Math.min(seam.end - seam.start, Math.round(lengthSamples)));
    this.music.seamPreview = { index: seam.index, lengthSamples: len, curve: seam.curve };
  }

  /** Commits the previewed length (one history step) and ends the preview. */
  async commit(seam: SeamInfo): Promise<void> {
    const p = this.music.seamPreview;
    try {
      if (p && p.index === seam.index && p.lengthSamples !== seam.lengthSamples)
        await this.project.setSeam(seam, p.lengthSamples, seam.curve);
    } finally {
      this.music.seamPreview = null;
    }
  }

  /** Changes the curve, keeping the length. */
  setCurve(seam: SeamInfo, curve: SeamCurve): Promise<void> {
    return this.project.setSeam(seam, seam.lengthSamples, curve);
  }
}
