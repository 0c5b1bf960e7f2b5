// The rules every scoring path shares (the editor's generate job and `score`), so the same video, settings and
// seed give the same codes: which seed a take gets and how much of the previous take prompts it.

/** Seed of take `takeNumber` (0-based, counting every take made) of window `windowIndex`. */
export function takeSeed(base: number, windowIndex: number, takeNumber: number): number {
  // Window i's first take gets base + i; later takes step by a prime far from any window count.
  return (base + windowIndex + takeNumber * 65537) % 2 ** 32;
}

/**
 * Codec frames of the previous take that prompt the next window: the whole overlap when `promptSeconds` is 0
 * (the default), else that many seconds of its start, never more than the overlap.
 */
export function promptFrames(
  overlapFrames: number,
  promptSeconds: number,
  sampleRate: number,
  hop: number,
): number {
  if (!(promptSeconds > 0)) return overlapFrames;
  return Math.min(overlapFrames, Math.max(1, Math.round((promptSeconds * sampleRate) / hop)));
}
