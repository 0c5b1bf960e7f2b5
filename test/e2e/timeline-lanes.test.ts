// The timeline's lanes in Chromium: the video's own audio drawn under its thumbnails (or "No audio" for a silent
// video), ruler labels without milliseconds at coarse zoom, window labels that stay in view when zoomed in, the
// music hint clear of the seam markers, and a segment dragged across the thumbnail strip.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { snap } from './browser';
import { SAMPLE_VIDEO, startSession, useShortWindows } from './studio-session';
import type { Session } from './studio-session';

/** A 20 s 320×180 video whose audio is a tone for 10 s, then silence. */
function toneVideo(file: string): string {
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-y', '-nostdin'],
    ...['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=20'],
    ...['-f', 'lavfi', '-i', 'aevalsrc=0.9*sin(2*PI*440*t):s=48000:d=10', '-af', 'apad=whole_dur=20'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file],
  ]);
  return file;
}

async function openPath(page: Page, file: string, first: boolean): Promise<void> {
  if (first) await page.getByRole('button', { name: 'Open video by path…' }).click();
  else await page.getByRole('button', { name: 'Open…', exact: true }).click();
  await page.getByLabel('Video file path').fill(file);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('meta-duration').waitFor();
}

/** Whether column `frac` of the source lane's canvas has ink in its top quarter (a loud envelope). */
function inkNearTop(page: Page, frac: number): Promise<boolean> {
  return page.evaluate((f) => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="source-audio"] canvas');
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return false;
    const col = ctx.getImageData(Math.floor(c.width * f), 0, 1, Math.floor(c.height / 4)).data;
    for (let i = 3; i < col.length; i += 4) if (col[i] > 0) return true;
    return false;
  }, frac);
}

describe('timeline lanes', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('lanes', false);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it("draws the video's own audio and labels a coarse ruler in whole seconds", async () => {
    const { page } = s;
    await openPath(page, toneVideo(path.join(s.dir, 'tone.mp4')), true);
    const lane = page.getByTestId('source-audio');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="source-audio"]')?.getAttribute('data-status') === 'ready',
    );
    await lane.locator('canvas').waitFor();
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="source-audio"] canvas');
      return !!c && c.width > 0;
    });
    // The tone fills the first half at full height; the silent second half stays low.
    expect(await inkNearTop(page, 0.25)).toBe(true);
    expect(await inkNearTop(page, 0.75)).toBe(false);
    const labels = await page.locator('.tick.major span').allTextContents();
    expect(labels.length).toBeGreaterThan(3);
    for (const l of labels) expect(l).toMatch(/^\d+:\d\d$/);
    expect(labels.slice(0, 3)).toEqual(['0:00', '0:02', '0:04']);
    await snap(page, 'lanes-01-source-audio');
  });

  it('says a video has no audio, and keeps the music hint clear of the seam markers', async () => {
    const { page } = s;
    await openPath(page, SAMPLE_VIDEO, false);
    const lane = page.getByTestId('source-audio');
    await lane.getByText('No audio in this video').waitFor();
    await useShortWindows(s);
    const hint = page.getByTestId('music-hint');
    const h = await hint.boundingBox();
    if (!h) throw new Error('hint not laid out');
    expect(h.width).toBeGreaterThan(100);
    const seams = page.locator('[data-testid^="seam-"]');
    expect(await seams.count()).toBe(3);
    for (const box of await seams.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      const b = box as { left: number; right: number };
      expect(b.right <= h.x || b.left >= h.x + h.width).toBe(true);
    }
    await snap(page, 'lanes-02-no-audio-hint');
  });

  it('selects a segment by dragging across the thumbnail strip', async () => {
    const { page } = s;
    const lanes = await page.getByTestId('timeline-lanes').boundingBox();
    const strip = await page.getByTestId('thumbnail-strip').boundingBox();
    if (!lanes || !strip) throw new Error('timeline not laid out');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="thumbnail-strip"] img').length > 0,
    );
    const x = (sec: number) => lanes.x + (lanes.width * sec) / 5.1;
    const y = strip.y + strip.height / 2;
    await page.mouse.move(x(0.2), y);
    await page.mouse.down();
    await page.mouse.move(x(1.0), y, { steps: 4 });
    await page.mouse.move(x(1.8), y, { steps: 4 });
    await page.mouse.up();
    await page.getByText('2 windows').waitFor();
    await snap(page, 'lanes-03-strip-drag');
    await page.keyboard.press('Escape');
  });

  it('keeps window labels in view when zoomed in past their start', async () => {
    const { page } = s;
    const lanes = await page.getByTestId('timeline-lanes').boundingBox();
    if (!lanes) throw new Error('timeline not laid out');
    // Zoom around 1.2 s (inside window 1, which starts at 0): window 1 now starts left of the view.
    await page.mouse.move(lanes.x + (lanes.width * 1.2) / 5.1, lanes.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="window-0"]')?.getBoundingClientRect();
      const l = document.querySelector('[data-testid="timeline-lanes"]')?.getBoundingClientRect();
      return !!b && !!l && b.left < l.left - 100 && b.right > l.left + 200;
    });
    const name = await page.getByTestId('window-0').locator('.name').boundingBox();
    if (!name) throw new Error('label not laid out');
    expect(name.x).toBeGreaterThanOrEqual(lanes.x);
    expect(name.x).toBeLessThan(lanes.x + 40);
    await snap(page, 'lanes-04-zoomed-labels');
    await page.keyboard.press('0');
    expect(s.errors).toEqual([]);
  });
});
