// Seams at cuts in real Chromium: a video with hard cuts made by ffmpeg, the plan option turned on, the cuts job
// running to its end, the cuts drawn on the ruler and the windows re-planned so each seam sits on a cut.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutVideo } from '../media/cut-video';
import { snap } from './browser';
import { startSession } from './studio-session';
import type { Session } from './studio-session';

const CUTS = [9.2, 24.6, 33];

describe('seams at cuts in the editor', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('scene-seams', false);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('finds the cuts, draws them on the ruler and centres the seams on them', async () => {
    const { page } = s;
    const video = cutVideo(path.join(s.dir, 'three-shots.mp4'), 45, CUTS, '320x180');
    await page.getByRole('button', { name: 'Open video by path…' }).click();
    await page.getByLabel('Video file path').fill(video);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('meta-duration').waitFor();
    await page.getByRole('tab', { name: 'Generation' }).click();
    await page.getByText('2 windows').waitFor();
    const option = page.getByLabel('Seams at cuts');
    expect(await option.isChecked()).toBe(false);
    await option.check();
    await page.getByText('4 windows').waitFor({ timeout: 60_000 });
    const marks = page.getByTestId('cut-mark');
    expect(await marks.count()).toBe(CUTS.length);
    const at = await marks.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seconds'))));
    at.forEach((sec, i) => expect(Math.abs(sec - CUTS[i])).toBeLessThanOrEqual(0.04));
    const seams = await page
      .locator('[data-testid^="seam-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-centre-seconds'))));
    expect(seams).toHaveLength(CUTS.length);
    seams.forEach((sec, i) => expect(Math.abs(sec - CUTS[i])).toBeLessThanOrEqual(0.5));
    await snap(page, 'scene-seams-ruler');
    await page.getByRole('button', { name: /^Seam 2:/ }).click();
    await page.getByRole('button', { name: 'New music at this cut' }).waitFor();
    expect(await page.getByText('At the cut 0:24.600').isVisible()).toBe(true);
    await snap(page, 'scene-seams-inspector');
    await page.getByRole('tab', { name: 'Generation' }).click();
    await option.uncheck();
    await page.getByText('2 windows').waitFor();
    expect(await marks.count()).toBe(CUTS.length);
  });
});
