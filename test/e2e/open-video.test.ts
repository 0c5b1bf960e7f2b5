// The editor's first journey in real Chromium over the loopback bridge: open the sample video by path,
// see its metadata, and play it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { SAMPLE_VIDEO, startSession } from './studio-session';
import type { Session } from './studio-session';

describe('opening a video in the editor', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('open', false);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('shows an empty state that offers to open a video', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Score a video with music' }).waitFor();
    await snap(page, 'open-01-empty-state');
    expect(await page.getByRole('button', { name: 'Open video…' }).isVisible()).toBe(true);
  });

  it('explains why a file that is not a video cannot be opened, and stays on the empty state', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Open video…' }).click();
    await page.getByLabel('Video file path').fill(path.join(s.dir, 'missing.mp4'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    await snap(page, 'open-02-error');
    expect(await page.getByRole('heading', { name: 'Score a video with music' }).isVisible()).toBe(true);
    // The refused call is logged by the browser as a failed request; nothing else may be.
    expect(s.errors.every((e) => e.includes('Failed to load resource'))).toBe(true);
    s.errors.length = 0;
  });

  it('opens the sample by path and shows its duration, size, frame rate and audio', async () => {
    const { page } = s;
    await page.getByLabel('Video file path').fill(SAMPLE_VIDEO);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('meta-duration').waitFor();
    expect(await page.getByTestId('meta-duration').textContent()).toBe('5.1 s');
    expect(await page.getByTestId('meta-size').textContent()).toBe('1280×720');
    expect(await page.getByTestId('meta-fps').textContent()).toBe('30 fps');
    expect(await page.getByTestId('meta-audio').textContent()).toBe('no');
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await snap(page, 'open-03-video-opened');
  });

  it('plays the video and moves the playhead', async () => {
    const { page } = s;
    await page.getByTestId('play').click();
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return !!v && !v.paused && v.currentTime > 0.5;
    });
    expect(await page.getByTestId('timecode').textContent()).not.toMatch(/^0:00\.000/);
    await snap(page, 'open-04-video-playing');
    await page.getByTestId('play').click();
    expect(await page.evaluate(() => document.querySelector('video')?.paused)).toBe(true);
  });

  it('steps frames with the arrows and shuttles with J, K and L', async () => {
    const { page } = s;
    await page.keyboard.press('Home');
    await page.getByTestId('timecode').getByText('0:00.000').first().waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('timecode').textContent()).toMatch(/^0:00\.100/);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('timecode').textContent()).toMatch(/^0:00\.066/);
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await page.waitForFunction(
      () => document.querySelector('video')?.playbackRate === 2 && !document.querySelector('video')?.paused,
    );
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('video')?.paused === true);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    const before = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
    expect(before).toBeGreaterThan(2);
    await page.keyboard.press('j');
    await page.waitForFunction((t) => (document.querySelector('video')?.currentTime ?? t) < t - 0.2, before);
    await page.keyboard.press('k');
    expect(s.errors).toEqual([]);
  });
});
