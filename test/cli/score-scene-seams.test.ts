import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../inference/frames/media';
import { makeTinyBundle } from '../inference/pipeline/tiny-bundle';
import { cutVideo } from '../media/cut-video';

const run = promisify(execFile);
const CUTS = [9.2, 24.6];
let model = '';
let video = '';
const cache = tempDir('scene-cache');
const out = tempDir('scene-out');

/** `npm run cli -- score <video> ... --scene-seams --json` as a user runs it; the parsed summary. */
async function scoreAtCuts(): Promise<Record<string, unknown>> {
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const argv = [video, '-o', join(out, 'music.wav'), '--model', model, '--cache', cache, '--threads', '1'];
  const r = await run(tsx, ['src/cli/main.ts', 'score', ...argv, '--scene-seams', '--json'], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  model = await makeTinyBundle();
  video = cutVideo(join(tempDir('scene-media'), 'cuts.mp4'), 40, CUTS, '160x90');
});

describe('score --scene-seams', () => {
  it('lists the detected cuts and windows whose seams are centred on them, then reads the cuts from the cache', async () => {
    const s = (await scoreAtCuts()) as {
      sceneSeams: boolean;
      cutsCached: boolean;
      cuts: { seconds: number; score: number }[];
      windows: { start: number; end: number; startSeconds: number; endSeconds: number }[];
      seams: { centreSeconds: number; cutSeconds: number | null }[];
      outputSamples: number;
      outputSampleRate: number;
    };
    expect(s.sceneSeams).toBe(true);
    expect(s.cutsCached).toBe(false);
    expect(s.cuts.map((c) => c.seconds)).toEqual(CUTS);
    expect(s.seams.map((x) => x.cutSeconds)).toEqual(CUTS);
    s.seams.forEach((x, i) => expect(Math.abs(x.centreSeconds - CUTS[i])).toBeLessThanOrEqual(0.5));
    for (const w of s.windows) expect(w.endSeconds - w.startSeconds).toBeLessThanOrEqual(30);
    expect(s.windows.map((w) => [w.startSeconds, w.endSeconds])).toEqual([
      [0, 10.2],
      [8.2, 25.6],
      [23.6, 40],
    ]);
    expect(s.outputSamples).toBe(40 * s.outputSampleRate);
    const again = await scoreAtCuts();
    expect(again.cutsCached).toBe(true);
    expect(again.windows).toEqual(s.windows);
  });
});
