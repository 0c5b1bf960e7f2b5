// ffmpeg reports progress two ways: `-progress` blocks of key=value lines ending in "progress=continue|end", and
// the classic stats line on stderr ("frame= 12 ... time=00:00:01.20 ... speed=30.1x"). One pure parser reads both.

/** One progress report from ffmpeg. */
export interface FfmpegProgress {
  /** Output position in seconds. */
  outSeconds: number;
  /** Encoding speed as a multiple of real time, when reported. */
  speed: number | null;
  /** Frames written so far, when reported. */
  frame: number | null;
  /** True on the final report ("progress=end"). */
  ended: boolean;
}

/** "01:02:03.45" (optionally negative) to seconds; null when it is not a timestamp (e.g. "N/A"). */
export function parseTimestamp(s: string): number | null {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(s.trim());
  if (!m) return null;
  const v = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -v : v;
}

function fromKeyValues(text: string): FfmpegProgress | null {
  const kv = new Map<string, string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const eq = line.indexOf('=');
    if (eq > 0) kv.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  // out_time_us is in microseconds; out_time_ms is too (an old ffmpeg naming slip); out_time is a timestamp
  const usText = kv.get('out_time_us') ?? kv.get('out_time_ms');
  const us = usText !== undefined && usText.trim() !== '' ? Number(usText) : NaN;
  const outSeconds = Number.isFinite(us) ? us / 1e6 : parseTimestamp(kv.get('out_time') ?? '');
  if (outSeconds === null) return null;
  const speed = Number.parseFloat(kv.get('speed') ?? '');
  const frame = Number.parseInt(kv.get('frame') ?? '', 10);
  return {
    outSeconds: Math.max(0, outSeconds),
    speed: Number.isFinite(speed) ? speed : null,
    frame: Number.isFinite(frame) ? frame : null,
    ended: kv.get('progress') === 'end',
  };
}

function fromStatsLine(line: string): FfmpegProgress | null {
  const time = /time=\s*(-?[\d:.]+)/.exec(line);
  const outSeconds = time ? parseTimestamp(time[1]) : null;
  if (outSeconds === null) return null;
  const speed = /speed=\s*([\d.]+)x/.exec(line);
  const frame = /frame=\s*(\d+)/.exec(line);
  return {
    outSeconds: Math.max(0, outSeconds),
    speed: speed ? Number(speed[1]) : null,
    frame: frame ? Number(frame[1]) : null,
    ended: false,
  };
}

/** Parses one `-progress` block or one stderr stats line; null when it carries no output time. */
export function parseFfmpegProgress(text: string): FfmpegProgress | null {
  if (/^\s*[a-z_]+=\S*\s*$/m.test(text) && /(^|\n)(out_time|progress)/.test(text)) return fromKeyValues(text);
  return fromStatsLine(text);
}

/** Groups `-progress` lines into blocks (a block ends at its "progress=" line) and hands each parsed block on. */
export function progressBlockReader(onProgress: (p: FfmpegProgress) => void): (line: string) => void {
  let block: string[] = [];
  return (line) => {
    block.push(line);
    if (!line.startsWith('progress=')) return;
    const p = parseFfmpegProgress(block.join('\n'));
    block = [];
    if (p) onProgress(p);
  };
}
