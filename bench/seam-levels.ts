// Seam levels: scores a 95 s video with `score` (default settings, the committed tiny bundle unless --model)
// and prints the RMS of the music in 0.5 s windows centred on every seam against the median 0.5 s level.
// A seam that adds two copies of the same music at equal power reads about +3 dB; a continuous one about 0.
// The video is made once with ffmpeg lavfi under .cache/bench-seam-levels (or VIDMUSE_BENCH_CACHE).
// Run: npx tsx bench/seam-levels.ts [--model DIR] [--seconds 95] [--seed 0]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { model: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' } },
});
const SECONDS = Number(values.seconds ?? 95);
const SR = 32000;
const CACHE = process.env.VIDMUSE_BENCH_CACHE ?? join(process.cwd(), '.cache', 'bench-seam-levels');

function makeVideo(): string {
  const path = join(CACHE, `video-${SECONDS}s.mp4`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=s=320x240:r=30:d=${SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast'],
    ...['-pix_fmt', 'yuv420p', path],
  ]);
  return path;
}

interface ScoreSummary {
  musicSampleRate: number;
  windows: { start: number; end: number }[];
}

function score(video: string, out: string): ScoreSummary {
  const args = [
    'tsx',
    'src/cli/main.ts',
    'score',
    video,
    '-o',
    out,
    '--json',
    '--cache',
    join(CACHE, 'cache'),
  ];
  if (values.model) args.push('--model', values.model);
  if (values.seed) args.push('--seed', values.seed);
  const stdout = execFileSync('npx', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ScoreSummary;
}

/** The written music as mono float samples at SR (ffmpeg resamples and downmixes exactly once). */
function readMusic(path: string): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-i', path, '-ac', '1', '-ar', `${SR}`, '-f', 'f32le', '-'],
    { maxBuffer: 1 << 30 },
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

const db = (x: number): number => 10 * Math.log10(Math.max(x, 1e-20));

function rmsDb(pcm: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += pcm[i]! * pcm[i]!;
  return db(s / (to - from));
}

const video = makeVideo();
const out = join(CACHE, 'scored.wav');
const started = Date.now();
const summary = score(video, out);
const pcm = readMusic(out);
const scale = SR / summary.musicSampleRate;
const half = SR / 4;
const blocks: number[] = [];
for (let i = 0; i + 2 * half <= pcm.length; i += 2 * half) blocks.push(rmsDb(pcm, i, i + 2 * half));
const median = [...blocks].sort((a, b) => a - b)[Math.floor(blocks.length / 2)]!;
const seams = summary.windows.slice(1).map((w, i) => {
  const centre = Math.round(((w.start + summary.windows[i]!.end) / 2) * scale);
  const level = rmsDb(pcm, centre - half, centre + half);
  return { centreSeconds: centre / SR, levelDb: level, deltaDb: level - median };
});
for (const s of seams)
  console.log(
    `seam at ${s.centreSeconds.toFixed(2)} s: ${s.levelDb.toFixed(1)} dB (${s.deltaDb >= 0 ? '+' : ''}${s.deltaDb.toFixed(2)} dB vs median)`,
  );
console.log(`median 0.5 s level ${median.toFixed(1)} dB over ${blocks.length} windows`);
console.log(
  JSON.stringify({
    seconds: SECONDS,
    windows: summary.windows.length,
    medianDb: median,
    seams,
    maxAbsDeltaDb: Math.max(0, ...seams.map((s) => Math.abs(s.deltaDb))),
    elapsedSeconds: (Date.now() - started) / 1000,
  }),
);
