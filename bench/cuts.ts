// Measures cut detection (figures printed, never asserted in tests): the detector as the app runs it, and the
// same decode without its shortcuts (loop filter kept; full-size frames scored), on a 3-minute 1080p30 H.264
// video with hard cuts at known times.
// Usage: npx tsx bench/cuts.ts [video.mp4] [--all]
//   without a video, one is generated (testsrc2 with negate/hue switched at the cut times) in a temp folder;
//   --all also times the full-size variant (slow).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CUT_DETECTOR, detectCuts, detectCutsArgs, parseScdetLine } from '../src/media/detect-cuts';
import { runProcess } from '../src/media/process';
import { toolPath } from '../src/media/tools';

/** Where the generated video switches picture: negate on [12,31), [55,70), [101,123); hue on [40,80), [140,160). */
const KNOWN_CUTS = [12, 31, 55, 70, 101, 123];
/** Colour-only changes (hue turned 120°): reported apart, as their scene score stays under the threshold. */
const HUE_CHANGES = [40, 80, 140, 160];
const DURATION = 180;
// The generated video has B-frames (x264 superfast), as camera and web videos do; hue cuts change colour only.

function generate(dir: string): string {
  const out = join(dir, 'cuts-3min-1080p.mp4');
  const vf =
    "negate=enable='between(t,12,31)+between(t,55,70)+between(t,101,123)'," +
    "hue=h=120:enable='between(t,40,80)+between(t,140,160)'";
  const t = performance.now();
  execFileSync(toolPath('ffmpeg'), [
    ...['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=1920x1080:r=30:d=${DURATION}`],
    ...['-vf', vf, '-c:v', 'libx264', '-preset', 'superfast', '-crf', '23', '-pix_fmt', 'yuv420p', out],
  ]);
  console.log(`generated ${out} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

function matched(found: number[]): string {
  const errors = KNOWN_CUTS.map((c) => Math.min(...found.map((f) => Math.abs(f - c))));
  const hits = errors.filter((e) => e <= 0.2);
  const worst = hits.length > 0 ? Math.max(...hits) : 0;
  const hue = HUE_CHANGES.filter((c) => found.some((f) => Math.abs(f - c) <= 0.2)).length;
  return (
    `${found.length} cuts: ${hits.length}/${KNOWN_CUTS.length} hard cuts (latest by ${worst.toFixed(3)} s), ` +
    `${hue}/${HUE_CHANGES.length} hue changes`
  );
}

/** CPU seconds used so far by finished child processes (Linux: cutime + cstime of /proc/self/stat). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Wall time, ffmpeg's CPU time, and what an idle machine with `cores` cores would take at that CPU time. */
function figures(wall: number, cpu: number): string {
  const cores = availableParallelism();
  return `${wall.toFixed(2).padStart(7)} s wall, ${cpu.toFixed(1)} s CPU (${(cpu / cores).toFixed(1)} s over ${cores} idle cores)`;
}

/** Drops an option and its value from an argument list. */
const without = (a: string[], opt: string): string[] => a.filter((x, i) => x !== opt && a[i - 1] !== opt);

async function variant(label: string, video: string, edit: (args: string[]) => string[]): Promise<void> {
  const found: number[] = [];
  const cpu = childCpuSeconds();
  const t = performance.now();
  await runProcess(toolPath('ffmpeg'), edit(detectCutsArgs(video, DEFAULT_CUT_DETECTOR, 0)), {
    onStderrLine: (l) => {
      const c = parseScdetLine(l);
      if (c && c.seconds > 0) found.push(c.seconds);
    },
    onStdoutLine: () => undefined,
  });
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(40)} ${figures(s, childCpuSeconds() - cpu)}  ${matched(found)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const given = args.find((a) => !a.startsWith('--'));
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'vidmuse-cuts-'));
  const video = given ?? generate(dir!);
  try {
    const cpu = childCpuSeconds();
    const t = performance.now();
    const cuts = await detectCuts(video, { durationSeconds: DURATION });
    const s = (performance.now() - t) / 1000;
    const used = childCpuSeconds() - cpu;
    console.log(
      `${'detectCuts (the app)'.padEnd(40)} ${figures(s, used)}  ${matched(cuts.map((c) => c.seconds))}`,
    );
    console.log(
      `  = ${(DURATION / s).toFixed(1)}x real time; cuts at ${cuts.map((c) => c.seconds.toFixed(2)).join(' ')}`,
    );
    await variant('every frame decoded, loop filter kept', video, (a) =>
      without(without(a, '-skip_loop_filter'), '-skip_frame'),
    );
    if (args.includes('--all'))
      await variant('as above, full-size frames scored', video, (a) =>
        without(without(a, '-skip_loop_filter'), '-skip_frame').map((x) => x.replace(/^scale=[^,]*,/, '')),
      );
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
