// The editor's first journey in real Chromium over the loopback bridge: open the sample video by path,
// see its metadata, and play it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeForTest } from '../../src/main/bridge/studio-bridge';
import type { StudioBridge } from '../../src/main/bridge/studio-bridge';
import { openBrowser, snap } from './browser';
import type { TestBrowser } from './browser';

const SAMPLE = path.resolve('../shared/fixtures/media/vidmuse-sample.mp4');

describe('opening a video in the editor', () => {
  let libraryDir: string;
  let bridge: StudioBridge;
  let browser: TestBrowser;

  beforeAll(async () => {
    libraryDir = mkdtempSync(path.join(tmpdir(), 'vidmuse-e2e-open-'));
    bridge = await startBridgeForTest({ libraryDir });
    browser = await openBrowser(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    rmSync(libraryDir, { recursive: true, force: true });
  });

  it('shows an empty state that offers to open a video', async () => {
    const { page } = browser;
    await page.getByRole('heading', { name: 'Score a video with music' }).waitFor();
    await snap(page, '00-empty-state');
    expect(await page.getByRole('button', { name: 'Open video…' }).isVisible()).toBe(true);
  });

  it('opens the sample by path and shows its duration, size, frame rate and audio', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Open video…' }).click();
    await page.getByLabel('Video file path').fill(SAMPLE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('meta-duration').waitFor();
    expect(await page.getByTestId('meta-duration').textContent()).toBe('5.1 s');
    expect(await page.getByTestId('meta-size').textContent()).toBe('1280×720');
    expect(await page.getByTestId('meta-fps').textContent()).toBe('30 fps');
    expect(await page.getByTestId('meta-audio').textContent()).toBe('no');
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await snap(page, '01-video-opened');
  });

  it('plays the video and moves the playhead', async () => {
    const { page } = browser;
    await page.getByTestId('play').click();
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return !!v && !v.paused && v.currentTime > 0.5;
    });
    expect(await page.getByTestId('timecode').textContent()).not.toMatch(/^0:00\.000/);
    await snap(page, '02-video-playing');
    await page.getByTestId('play').click();
    expect(await page.evaluate(() => document.querySelector('video')?.paused)).toBe(true);
    expect(browser.errors).toEqual([]);
  });
});
