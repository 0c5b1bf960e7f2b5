// A look-ahead peak limiter: gain dips smoothly around each peak that would pass the ceiling, so music can reach
// the loudness target while its peaks stay under the true-peak ceiling. Deterministic and linked across channels.

/** Limiter timing: look-ahead (also the attack) and release, in milliseconds. */
export interface LimiterSettings {
  lookaheadMs: number;
  releaseMs: number;
}

/** 2 ms look-ahead and 60 ms release: fast enough to be inaudible on music, slow enough not to distort bass. */
export const DEFAULT_LIMITER: LimiterSettings = { lookaheadMs: 2, releaseMs: 60 };

// Minimum of r over the window [i − w, i + w], for every i, in linear time (monotonic deque).
function windowMin(r: Float32Array, w: number): Float32Array {
  const n = r.length;
  const out = new Float32Array(n);
  const q = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n + w; j++) {
    if (j < n) {
      while (tail > head && r[q[tail - 1]] >= r[j]) tail--;
      q[tail++] = j;
    }
    const i = j - w;
    if (i < 0) continue;
    while (q[head] < i - w) head++;
    out[i] = r[q[head]];
  }
  return out;
}

// Mean of m over [i − w, i + w], edges extended with the edge values; every window that contains a peak holds a
// value at or below the peak's required gain, so the mean at the peak is at or below it too.
function boxMean(m: Float32Array, w: number): Float32Array {
  const n = m.length;
  const out = new Float32Array(n);
  const len = 2 * w + 1;
  let sum = 0;
  const at = (j: number): number => m[j < 0 ? 0 : j >= n ? n - 1 : j];
  for (let j = -w; j <= w; j++) sum += at(j);
  for (let i = 0; i < n; i++) {
    out[i] = sum / len;
    sum += at(i + w + 1) - at(i - w);
  }
  return out;
}

/** Per-sample gain that keeps every channel's samples at or under `ceiling` (linear); 1 where nothing is limited. */
export function limiterGain(
  channels: Float32Array[],
  sampleRate: number,
  ceiling: number,
  s: LimiterSettings = DEFAULT_LIMITER,
): Float32Array {
  const n = channels[0]?.length ?? 0;
  const need = new Float32Array(n).fill(1);
  for (const ch of channels)
    for (let i = 0; i < n; i++) {
      const a = Math.abs(ch[i]);
      if (a > ceiling) need[i] = Math.min(need[i], ceiling / a);
    }
  const w = Math.max(1, Math.round((s.lookaheadMs / 1000) * sampleRate));
  const g = boxMean(windowMin(need, w), w);
  // slower recovery after a peak; taking the minimum with g never raises the gain above what a peak needs
  const a = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  let prev = 1;
  for (let i = 0; i < n; i++) {
    prev = Math.min(g[i], a * prev + (1 - a) * g[i]);
    g[i] = prev;
  }
  return g;
}

/** Applies the limiter in place. */
export function limit(
  channels: Float32Array[],
  sampleRate: number,
  ceiling: number,
  s: LimiterSettings = DEFAULT_LIMITER,
): void {
  const g = limiterGain(channels, sampleRate, ceiling, s);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= g[i];
}
