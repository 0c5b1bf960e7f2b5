// The preview shows the whole frame: the drawn video rectangle (object-fit: contain inside the element) lies
// within its panel and the viewport, letterboxed or pillarboxed, for landscape, portrait and rotated videos at
// three window sizes. The portrait and rotated videos are made here with ffmpeg.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { snap } from './browser';
import { SAMPLE_VIDEO, startSession } from './studio-session';
import type { Session } from './studio-session';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 900 },
  { width: 2560, height: 1440 },
];

/** Where the picture is drawn, the element's panel and the viewport, in CSS pixels. */
interface Fit {
  drawn: { x: number; y: number; w: number; h: number };
  panel: { x: number; y: number; w: number; h: number };
  viewport: { w: number; h: number };
  natural: { w: number; h: number };
}

async function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const v = document.querySelector('video')!;
    const box = v.getBoundingClientRect();
    const panel = v.parentElement!.getBoundingClientRect();
    // object-fit: contain: the picture scaled to fit the element's box, centred.
    const scale = Math.min(box.width / v.videoWidth, box.height / v.videoHeight);
    const w = v.videoWidth * scale;
    const h = v.videoHeight * scale;
    return {
      drawn: { x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, w, h },
      panel: { x: panel.x, y: panel.y, w: panel.width, h: panel.height },
      viewport: { w: window.innerWidth, h: window.innerHeight },
      natural: { w: v.videoWidth, h: v.videoHeight },
    };
  });
}

async function openVideo(s: Session, file: string): Promise<void> {
  const { page } = s;
  await page.getByRole('button', { name: 'Open video by path…' }).click();
  await page.getByLabel('Video file path').fill(file);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('meta-duration').waitFor();
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
}

function expectWholeFrame(fit: Fit, aspect: number): void {
  const { drawn, panel, viewport } = fit;
  const eps = 1;
  // The whole picture inside its panel, and the panel inside the window.
  expect(drawn.x).toBeGreaterThanOrEqual(panel.x - eps);
  expect(drawn.y).toBeGreaterThanOrEqual(panel.y - eps);
  expect(drawn.x + drawn.w).toBeLessThanOrEqual(panel.x + panel.w + eps);
  expect(drawn.y + drawn.h).toBeLessThanOrEqual(panel.y + panel.h + eps);
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.y).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.w).toBeLessThanOrEqual(viewport.w + eps);
  expect(panel.y + panel.h).toBeLessThanOrEqual(viewport.h + eps);
  // Letterbox or pillarbox: the picture touches the panel on one axis, keeps its aspect, and is not tiny.
  const fillsWidth = Math.abs(drawn.w - panel.w) <= 2;
  const fillsHeight = Math.abs(drawn.h - panel.h) <= 2;
  expect(fillsWidth || fillsHeight).toBe(true);
  expect(drawn.w / drawn.h).toBeCloseTo(aspect, 1);
  expect(panel.h).toBeGreaterThan(viewport.h * 0.25);
}

describe('the preview letterboxes and pillarboxes the whole frame', () => {
  let s: Session;
  let portrait: string;
  let rotated: string;
  beforeAll(async () => {
    s = await startSession('preview-fit', false);
    portrait = path.join(s.dir, 'portrait.mp4');
    rotated = path.join(s.dir, 'rotated.mp4');
    const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];
    execFileSync('ffmpeg', [
      ...quiet,
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1080x1920:rate=30:duration=2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', portrait],
    ]);
    // A landscape stream stored with a 90° display rotation: players show it 720×1280.
    execFileSync('ffmpeg', [
      ...quiet,
      ...['-i', SAMPLE_VIDEO, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated],
    ]);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  const videos = [
    { name: 'landscape', file: () => SAMPLE_VIDEO, aspect: 1280 / 720, natural: [1280, 720] },
    { name: 'portrait', file: () => portrait, aspect: 1080 / 1920, natural: [1080, 1920] },
    { name: 'rotated', file: () => rotated, aspect: 720 / 1280, natural: [720, 1280] },
  ];

  for (const video of videos) {
    it(`shows the whole ${video.name} frame at 1280×720, 1600×900 and 2560×1440`, async () => {
      const { page } = s;
      await page.setViewportSize(SIZES[0]!);
      await page.reload();
      await openVideo(s, video.file());
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForFunction(
          (w) => window.innerWidth === w && !!document.querySelector('video'),
          size.width,
        );
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        const fit = await measure(page);
        expect([fit.natural.w, fit.natural.h]).toEqual(video.natural);
        expectWholeFrame(fit, video.aspect);
        await snap(page, `preview-fit-${video.name}-${size.width}x${size.height}`);
      }
      expect(s.errors).toEqual([]);
    });
  }
});
