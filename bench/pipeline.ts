// Measures the engine pipeline around the decoder and prints figures (never asserted in tests):
// frame extraction at 224², analysis cold (ffmpeg + CLIP) vs warm (cache), scoring a 95 s video, and
// regenerating one window of an analysed video.
// Usage: npx tsx bench/pipeline.ts [bundle-dir]   (default: a tiny bundle converted from the reference fixture)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureCache } from '../src/inference/cache/feature-cache';
import { convertBundle } from '../src/inference/convert/convert';
import { extractFrames } from '../src/inference/frames/extract-frames';
import { analyseVideo } from '../src/inference/pipeline/analyse-video';
import { windowContext } from '../src/inference/pipeline/global-features';
import { Engine } from '../src/inference/pipeline/engine';
import { generateWindow } from '../src/inference/pipeline/generate-window';
import { scoreVideo } from '../src/inference/pipeline/score-video';
import { REFERENCE_DIR, SAMPLE_VIDEO } from '../test/fixtures/paths';

const SAMPLE = SAMPLE_VIDEO;
const FIXTURE = REFERENCE_DIR;
const work = mkdtempSync(join(tmpdir(), 'vidmuse-bench-'));
const params = { seed: 1, temperature: 1, topK: 250, topP: 0, cfgCoef: 3 };

async function timed<T>(
  label: string,
  f: () => Promise<T>,
  extra: (r: T, s: number) => string = () => '',
): Promise<T> {
  const t = performance.now();
  const r = await f();
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(44)} ${s.toFixed(3).padStart(8)} s  ${extra(r, s)}`);
  return r;
}

async function bundleDir(): Promise<string> {
  if (process.argv[2]) return process.argv[2];
  const outDir = join(work, 'tiny');
  await convertBundle({
    lmCheckpoint: `${FIXTURE}/lm/state_dict.bin`,
    codecDir: `${FIXTURE}/codec`,
    outDir,
    id: 'bench-tiny',
    trained: false,
    decoderVariants: ['fp32'],
  });
  return outDir;
}

const long = join(work, 'long95.mp4');
execFileSync('ffmpeg', [
  '-v',
  'error',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=1280x720:rate=30:duration=95',
  '-pix_fmt',
  'yuv420p',
  '-preset',
  'ultrafast',
  long,
]);
await timed(
  'frames: sample 5.1 s 1280×720 → 224² @2fps',
  () => extractFrames(SAMPLE, { fps: 2, width: 224, height: 224 }),
  (f) => `${f.count} frames`,
);
await timed(
  'frames: 95 s 1280×720 → 224² @2fps',
  () => extractFrames(long, { fps: 2, width: 224, height: 224 }),
  (f) => `${f.count} frames`,
);
const engine = await Engine.open(await bundleDir(), { intraOpThreads: Number(process.env.THREADS ?? 2) });
console.log(
  `bundle ${engine.manifest.id}: image ${engine.manifest.video.imageSize}², decoder dim ${engine.manifest.lm.dim} × ${engine.manifest.lm.numLayers} layers`,
);
const cache = new FeatureCache(join(work, 'cache'));
await timed(
  'analyse 95 s cold (hash + ffmpeg + CLIP + write)',
  () => analyseVideo(engine, long, cache),
  (a) => `${a.features.dims[0]} frames`,
);
const video = await timed(
  'analyse 95 s warm (file stamp + cache read)',
  () => analyseVideo(engine, long, cache),
  (a) => `cached=${a.cached}`,
);
const ctx = await windowContext(engine, video, long, cache);
await timed(
  'score 95 s (features cached)',
  () => scoreVideo(engine, cache, { videoPath: long, params }),
  (r, s) => `${r.takes.length} windows, ${(95 / s).toFixed(1)}× real time`,
);
const clip = engine.stats.clipFrames;
await timed(
  'regenerate window 2 (30 s), no CLIP',
  () => generateWindow(engine, ctx, { start: 896000, end: 1856000 }, { ...params, seed: 9 }),
  (t, s) =>
    `${t.codecFrames} codec frames, ${((t.codecFrames + 3) / s).toFixed(0)} steps/s, CLIP frames run: ${engine.stats.clipFrames - clip}`,
);
await engine.dispose();
