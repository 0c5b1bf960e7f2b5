// Display formatting for media metadata: sizes, rates, durations. Display only; never fed back into time math.

/** "12.3 MB" style size. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${u === 0 ? n : n.toFixed(1)} ${units[u]}`;
}

/** "5.1 s" / "2 min 05 s" duration for metadata panels. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** "30 fps" or "29.97 fps" for a frame rate value. */
export function formatFps(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(2)} fps`;
}

/** Seconds with one decimal for window and overlap lengths given in samples. */
export function formatSeconds(samples: number, sampleRate: number): string {
  return `${(samples / sampleRate).toFixed(1)} s`;
}

/** "1 min 20 s" style ETA, or an empty string when unknown. */
export function formatEta(etaSeconds: number | null): string {
  if (etaSeconds === null || !Number.isFinite(etaSeconds)) return '';
  const s = Math.max(0, Math.round(etaSeconds));
  if (s < 60) return `${s} s left`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
}
