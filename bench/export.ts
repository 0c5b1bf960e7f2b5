// Export speed: a 3-minute 1280×720 30 fps H.264 video (made once with ffmpeg lavfi, cached under .cache/) scored
// with a synthetic 7-window mixdown, exported to mp4 (and to WAV and FLAC); prints ×real-time by the wall clock and
// per CPU-second (node + ffmpeg, robust to other load on the machine), JSON on the last line.
// Run: npx tsx bench/export.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { exportVideo } from '../src/main/export/export-video';
import { mixdown, type MixdownClip, type MixdownSeam } from '../src/shared/timeline/mixdown';
import { plainExport, type ExportFormat } from '../src/shared/export';

const SECONDS = 180;
const SR = 32000;
const CACHE = join(process.cwd(), '.cache', 'bench-export');

function makeVideo(withAudio: boolean): string {
  const path = join(CACHE, withAudio ? 'video-180s-audio.mp4' : 'video-180s.mp4');
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  const audio = withAudio ? ['-f', 'lavfi', '-i', `sine=f=300:r=48000:d=${SECONDS}`, '-c:a', 'aac'] : [];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=1280x720:r=30:d=${SECONDS}`,
    ...audio,
  ];
  execFileSync('ffmpeg', [
    ...args,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '60',
    path,
  ]);
  return path;
}

// Windows of 30 s every 26 s (4 s overlaps), each a chord with a little noise, like takes of a model.
function takes(): { clips: MixdownClip[]; seams: MixdownSeam[] } {
  const clips: MixdownClip[] = [];
  const seams: MixdownSeam[] = [];
  for (let start = 0; start < SECONDS * SR; start += 26 * SR) {
    const f = 110 * (1 + clips.length / 4);
    const pcm = Float32Array.from(
      { length: 30 * SR },
      (_, i) =>
        0.2 * Math.sin((2 * Math.PI * f * i) / SR) +
        0.1 * Math.sin((2 * Math.PI * 1.5 * f * i) / SR) +
        0.02 * Math.sin(i * i),
    );
    if (clips.length > 0) seams.push({ startSample: start, endSample: start + 4 * SR, curve: 'equal-power' });
    clips.push({ startSample: start, pcm });
  }
  return { clips, seams };
}

// CPU seconds of this process plus its finished children (ffmpeg): fields 14–17 of /proc/self/stat, in ticks.
function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(f[i]), 0);
  return ticks / 100;
}

interface Timing {
  seconds: number;
  xRealtime: number;
  cpuSeconds: number;
  xRealtimePerCpu: number;
}

async function timeExport(
  videoPath: string,
  music: Float32Array,
  format: ExportFormat,
  includeOriginalAudio: boolean,
): Promise<Timing> {
  const outputPath = join(CACHE, `out.${format}`);
  const c0 = cpuSeconds();
  const t0 = performance.now();
  // Ducking on with the original audio, as the editor's export dialog sets it.
  const options = { ...plainExport(format, outputPath), includeOriginalAudio, ducking: includeOriginalAudio };
  await exportVideo({ videoPath, music, musicSampleRate: SR, options });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  rmSync(outputPath, { force: true });
  const r = (v: number, d: number): number => Number(v.toFixed(d));
  return {
    seconds: r(seconds, 3),
    xRealtime: r(SECONDS / seconds, 1),
    cpuSeconds: r(cpu, 2),
    xRealtimePerCpu: r(SECONDS / cpu, 1),
  };
}

async function main(): Promise<void> {
  const video = makeVideo(false);
  const videoWithAudio = makeVideo(true);
  const { clips, seams } = takes();
  const t0 = performance.now();
  const music = mixdown({
    sampleRate: SR,
    totalSamples: SECONDS * SR,
    clips,
    seams,
    fadeInSamples: SR,
    fadeOutSamples: 2 * SR,
  });
  const mixdownSeconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  const loadBefore = Number(loadavg()[0].toFixed(2));
  const figures = {
    bench: 'export',
    loadAverage1mBefore: loadBefore,
    videoSeconds: SECONDS,
    video: '1280x720 30fps h264',
    mixdownSeconds,
    mp4: await timeExport(video, music, 'mp4', false),
    mp4WithOriginalAudio: await timeExport(videoWithAudio, music, 'mp4', true),
    wav: await timeExport(video, music, 'wav', false),
    flac: await timeExport(video, music, 'flac', false),
    loadAverage1mAfter: Number(loadavg()[0].toFixed(2)),
  };
  for (const [k, v] of Object.entries(figures))
    if (typeof v === 'object')
      console.log(
        `${k}: ${v.seconds} s wall (${v.xRealtime}× real time), ${v.cpuSeconds} CPU-s (${v.xRealtimePerCpu}× per CPU)`,
      );
  console.log(JSON.stringify(figures));
}

await main();
