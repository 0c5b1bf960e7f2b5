// The source lane's cost: time to decode a long video's audio into the timeline envelope (ffmpeg to 8 kHz mono,
// folded into 100 peaks a second as it streams), the envelope's size on the wire, and the process's peak RSS.
// Usage: npx tsx bench/audio-peaks.ts [minutes=10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { audioPeaks } from '../src/media/audio-peaks';

const minutes = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(path.join(tmpdir(), 'vidmuse-bench-peaks-'));
const file = path.join(dir, 'long.mp4');
const seconds = minutes * 60;
// A small picture keeps the file's video cheap; the audio is stereo AAC at 48 kHz, as cameras and phones write.
execFileSync('ffmpeg', [
  ...['-hide_banner', '-v', 'error', '-y', '-nostdin'],
  ...['-f', 'lavfi', '-i', `color=gray:s=64x36:r=5:d=${seconds}`],
  ...['-f', 'lavfi', '-i', `sine=f=220:r=48000:d=${seconds}`, '-ac', '2'],
  ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '128k', '-shortest', file],
]);
try {
  const runs: number[] = [];
  let peaks = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const p = await audioPeaks(file, { sampleRate: 32000 });
    runs.push((performance.now() - t0) / 1000);
    peaks = p.peaks.length;
    bytes = Buffer.byteLength(JSON.stringify({ peaks: p.peaks, peakBlock: p.peakBlock }));
  }
  runs.sort((a, b) => a - b);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(`audio peaks of a ${minutes}-minute video (${mb(statSync(file).size)} MB, stereo AAC 48 kHz)`);
  console.log(
    `  decode + fold: median ${runs[1]!.toFixed(2)} s (runs ${runs.map((r) => r.toFixed(2)).join(', ')} s)`,
  );
  console.log(
    `  envelope: ${peaks} peaks, ${mb(bytes)} MB as JSON; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
