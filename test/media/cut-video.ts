// Synthetic videos with hard cuts at known times, made by ffmpeg's lavfi sources for the cut tests: a moving
// test pattern whose picture is negated in every other shot, so each listed time starts a new shot.
import { execFileSync } from 'node:child_process';

/** Writes a `seconds`-long H.264 video at `size` and 25 fps whose shots change at `cuts` (seconds). */
export function cutVideo(path: string, seconds: number, cuts: readonly number[], size = '320x180'): string {
  const bounds = [...cuts, seconds];
  const negated: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 2) negated.push(`gte(t,${bounds[i]})*lt(t,${bounds[i + 1]})`);
  const vf = negated.length > 0 ? `negate=enable='${negated.join('+')}'` : 'null';
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-y', '-nostdin'],
    ...['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=25:d=${seconds}`, '-vf', vf],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path],
  ]);
  return path;
}
