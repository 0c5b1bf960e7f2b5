// Levels of the two buses the editor plays: the generated music and the video's original audio.

/** Gain, mute and solo of the music and original buses. */
export class Mixer {
  musicDb = $state(0);
  originalDb = $state(0);
  musicMuted = $state(false);
  originalMuted = $state(false);
  musicSolo = $state(false);
  originalSolo = $state(false);

  /** Music is heard: not muted, and not silenced by the original's solo. */
  readonly musicAudible = $derived(!this.musicMuted && (this.musicSolo || !this.originalSolo));
  /** Original audio is heard: not muted, and not silenced by the music's solo. */
  readonly originalAudible = $derived(!this.originalMuted && (this.originalSolo || !this.musicSolo));
  /** Linear volume for the <video> element (which cannot amplify, so capped at 1). */
  readonly originalVolume = $derived(Math.min(1, 10 ** (this.originalDb / 20)));
}
