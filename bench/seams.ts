// Seams benchmark: (1) codec decode time of a chain of continuous windows at EnCodec 32 kHz's released size
// (4 codebooks, 50 Hz frames, random weights): window by window, as one stream (in pieces, as the app decodes
// it) and, with --whole, in one codec run; (2) through the studio's API,
// the time from "take selected" to "audio ready to play" (take.select, music.playback, the clips read and
// mixed as the editor mixes them) and how many codec decodes each edit cost, for a chain of 30 s windows.
// The bundle and video are built once under the benchmark cache (--cache, $VIDMUSE_BENCH_CACHE or
// ~/.cache/vidmuse-bench)/seams. Figures are printed, never asserted; the load average is printed with them.
// Run: npx tsx bench/seams.ts [--minutes 3] [--cache DIR] [--whole]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startWorkerHost } from '../src/inference';
import { createInferenceGenerator, type InferenceGenerator } from '../src/main/bridge/inference-generator';
import { createStudio, type Studio } from '../src/main/service';
import { decodeAudio } from '../src/inference/pipeline/decode-audio';
import { OrtSession } from '../src/inference/runtime/session';
import { playbackPlan } from '../src/renderer/lib/playback-plan';
import { mixdown } from '../src/shared/timeline/mixdown';
import { decodeWavFloat } from '../src/shared/timeline/wav';
import { benchCacheDir } from './bench-bundle';
import { seamsBundle } from './seams-bundle';

const { values } = parseArgs({
  options: { minutes: { type: 'string' }, cache: { type: 'string' }, whole: { type: 'boolean' } },
});
const MINUTES = Number(values.minutes ?? 3);
const CACHE = benchCacheDir('seams', values.cache);
const HOP = 640;

const seconds = (t0: number) => (performance.now() - t0) / 1000;

// Peak resident memory of this process (the inference host runs in a worker thread of it), sampled.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const takePeak = (): string => {
  const mb = Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20;
  peakRss = 0;
  return `peak RSS ${mb.toFixed(0)} MiB`;
};
const load = () => os.loadavg()[0]!.toFixed(2);

function randomCodes(frames: number, seed: number): Int32Array {
  const out = new Int32Array(4 * frames);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = x % 2048;
  }
  return out;
}

async function codecFigures(engine: InferenceGenerator, bundlePath: string): Promise<void> {
  const decode = (frames: number) =>
    engine.decoder({ bundlePath, codes: randomCodes(frames, frames), samples: frames * HOP }, {});
  let t0 = performance.now();
  await decode(50);
  console.log(`codec: first decode (session load + 1 s) ${seconds(t0).toFixed(2)} s, ${takePeak()}`);
  // The chain as 30 s windows overlapping by 2 s, each decoded alone (what crossfaded seams cost).
  const windows = Math.ceil((MINUTES * 60 - 2) / 28);
  t0 = performance.now();
  for (let w = 0; w < windows; w++) await decode(1500);
  console.log(
    `codec: ${windows} windows of 30 s decoded one by one: ${seconds(t0).toFixed(2)} s, ${takePeak()}`,
  );
  const chain = MINUTES * 60 * 50;
  t0 = performance.now();
  await decode(chain);
  const once = seconds(t0);
  console.log(
    `codec: ${MINUTES} min chain, one stream decoded in pieces: ${once.toFixed(2)} s (${((MINUTES * 60) / once).toFixed(1)}× real time), ${takePeak()}`,
  );
}

/** The chain decoded by one codec run (no pieces): its time and memory, for comparison (--whole). */
async function wholeFigures(bundlePath: string): Promise<void> {
  const codec = await OrtSession.load(join(bundlePath, 'codec_decoder.onnx'), { provider: 'cpu' });
  const chain = MINUTES * 60 * 50;
  const t0 = performance.now();
  await decodeAudio(codec, randomCodes(chain, chain), 4, chain * HOP, { core: chain, left: 0, right: 0 });
  console.log(`codec: ${MINUTES} min chain, one codec run: ${seconds(t0).toFixed(2)} s, ${takePeak()}`);
  await codec.dispose();
}

function makeVideo(): string {
  const file = join(CACHE, `video-${MINUTES}min.mp4`);
  if (existsSync(file)) return file;
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=s=320x240:r=10:d=${MINUTES * 60}`, '-c:v', 'libx264', '-preset', 'ultrafast'],
    ...['-pix_fmt', 'yuv420p', file],
  ]);
  return file;
}

/** Selects a take (or only asks for the playback), then reads and mixes the clips as the editor does. */
async function timedEdit(studio: Studio, projectId: string, label: string, take?: [string, string]) {
  const runs = studio.context.music.runs;
  const before = runs.decodes;
  const t0 = performance.now();
  const s = take
    ? await studio['take.select']({ projectId, windowId: take[0], takeId: take[1] })
    : await studio['project.open']({ projectId });
  const mix = await studio['music.playback']({ projectId });
  const pcm = new Map(mix.clips.map((c) => [c.url, c.url ? decodeWavFloat(readFileSync(c.url)).pcm : null]));
  mixdown(playbackPlan(s, mix, (u) => pcm.get(u) ?? null));
  const runsOf = mix.clips.map((c) => `${c.firstWindow + 1}-${c.lastWindow + 1}`).join(' ');
  console.log(
    `${label.padEnd(44)} ${seconds(t0).toFixed(2).padStart(7)} s  decodes ${runs.decodes - before}  runs [${runsOf}]  ${takePeak()}  load ${load()}`,
  );
}

async function studioFigures(engine: InferenceGenerator, bundlePath: string): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'vidmuse-bench-seams-'));
  const studio = createStudio({
    libraryDir: join(dir, 'library'),
    bundleDirs: [bundlePath],
    mediaUrl: (f) => f,
    generator: engine.generator,
    decoder: engine.decoder,
  });
  try {
    let s = await studio['project.openVideo']({ path: makeVideo() });
    const id = s.id;
    const gen = async (windowIndices: number[] | null) => {
      const t0 = performance.now();
      await studio['generate.windows']({ projectId: id, windowIndices });
      await studio.idle();
      s = await studio['project.open']({ projectId: id });
      return seconds(t0);
    };
    const all = await gen(null);
    console.log(`studio: generated ${s.windows.length} windows of 30 s in ${all.toFixed(1)} s`);
    await timedEdit(studio, id, 'first playback (run cache empty)');
    const last = s.windows.length - 1;
    await gen([last]);
    const w = s.windows[last]!;
    await timedEdit(studio, id, `select take 2 of window ${last + 1} (one run)`, [w.id, w.takes[1]!.id]);
    await timedEdit(studio, id, `select take 1 of window ${last + 1} again`, [w.id, w.takes[0]!.id]);
    const mid = Math.floor(s.seams.length / 2);
    await studio['seam.newCue']({ projectId: id, seamId: s.seams[mid]!.id });
    await studio.idle();
    await timedEdit(studio, id, `new cue at seam ${mid + 1} (playback)`);
    await timedEdit(studio, id, `select take 2 of window ${last + 1} (split runs)`, [w.id, w.takes[1]!.id]);
    await timedEdit(studio, id, `select take 1 of window ${last + 1} again`, [w.id, w.takes[0]!.id]);
  } finally {
    await studio.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  console.log(`load average at start ${load()} (${os.cpus().length} CPUs)`);
  const t0 = performance.now();
  const bundle = await seamsBundle(CACHE);
  console.log(`bundle ready in ${seconds(t0).toFixed(1)} s: ${bundle}`);
  const engine = createInferenceGenerator(() => startWorkerHost(), join(CACHE, 'features'));
  try {
    await codecFigures(engine, bundle);
    await studioFigures(engine, bundle);
  } finally {
    await engine.dispose();
  }
  // Last: one codec run of the whole chain needs about 10 GB at this size, and the memory stays reserved.
  if (values.whole) await wholeFigures(bundle);
  console.log(`load average at end ${load()}`);
  clearInterval(sampler);
}

await main();
