// HTTP byte ranges (RFC 9110 §14) for media: <video> and <audio> seek with `Range: bytes=a-b`.

/** A satisfiable byte range, inclusive at both ends as Content-Range writes it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a Range header against a file of `size` bytes: null when absent or not a single bytes range
 * (serve the whole file), 'unsatisfiable' for a range outside the file (answer 416).
 */
export function parseRange(
  header: string | undefined | null,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Number(m[2]);
  if (start >= size || last < start) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}
