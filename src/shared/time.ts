// Exact time: positions are integer samples at the model's sample rate, ranges half-open [start, end).
// Seconds appear only at the edges (display, ffmpeg arguments).

/** A half-open range of integer sample positions [start, end). */
export interface SampleRange {
  start: number;
  end: number;
}

/** Whole samples for a duration in seconds, rounded to the nearest sample. */
export function secondsToSamples(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}

/** "m:ss.mmm" for a sample position, for display. */
export function formatTimecode(samples: number, sampleRate: number): string {
  const totalMs = Math.floor((samples * 1000) / sampleRate);
  const m = Math.floor(totalMs / 60000);
  const s = Math.floor((totalMs % 60000) / 1000);
  const ms = totalMs % 1000;
  return `${m}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
}
