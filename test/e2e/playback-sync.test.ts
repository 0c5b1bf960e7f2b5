// Music stays locked to the picture for a whole minute: a 62 s video is scored by the tiny model, played from
// start to end, and the music-to-video offset is sampled every frame; it never reaches one video frame.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, snap } from './browser';
import { startSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

declare global {
  interface Window {
    __drift?: number[];
    __relocks?: number;
  }
}

describe('playback sync over a minute', () => {
  let s: Session;
  let video: string;
  beforeAll(async () => {
    s = await startSession('sync');
    video = path.join(s.dir, 'minute.mp4');
    // Real media made by ffmpeg: one minute (plus a margin) of the testsrc2 pattern at 30 fps.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=30',
      '-t',
      '62',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      video,
    ]);
    await s.page.getByRole('button', { name: 'Open video by path…' }).click();
    await s.page.getByLabel('Video file path').fill(video);
    await s.page.getByRole('button', { name: 'Open', exact: true }).click();
    await s.page.getByTestId('meta-duration').waitFor();
    await s.page.getByRole('button', { name: 'Generate all' }).click();
    await waitForAllTakes(s, await s.page.locator('[data-testid^="window-"]').count());
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('keeps the music within one frame of the video from start to end', async () => {
    const { page } = s;
    await page.evaluate(() => {
      window.__drift = [];
      const sample = () => {
        const el = document.querySelector('[data-testid="sync"]');
        if (el) {
          window.__drift?.push(Number(el.getAttribute('data-drift-ms')));
          window.__relocks = Number(el.getAttribute('data-relocks'));
        }
        if (!document.querySelector('video')?.ended) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('video')?.ended === true, undefined, {
      timeout: 120_000,
      polling: 500,
    });
    await snap(page, 'sync-01-played-a-minute');
    const drift = await page.evaluate(() => window.__drift ?? []);
    const relocks = await page.evaluate(() => window.__relocks ?? -1);
    mkdirSync(ARTIFACTS, { recursive: true });
    const maxMs = Math.max(...drift.map(Math.abs));
    writeFileSync(
      path.join(ARTIFACTS, 'sync.json'),
      JSON.stringify({ samples: drift.length, maxDriftMs: maxMs, relocks }, null, 1),
    );
    expect(drift.length).toBeGreaterThan(60 * 20);
    expect(maxMs).toBeLessThan(1000 / 30);
  }, 180_000);
});
