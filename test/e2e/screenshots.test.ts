// Screenshots of the editor at 1280×720 and 2560×1440 for review (test-artifacts/e2e/shot-*.png): the generated
// timeline with an audition, the jobs drawer and the models dialog; each size must lay out without overflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession } from './studio-session';
import type { Session } from './studio-session';

const SIZES = [
  [1280, 720],
  [2560, 1440],
] as const;

describe('screenshots', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('shots');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('lays out the editor, the jobs drawer and the models dialog at 1280×720 and 2560×1440', async () => {
    const { page } = s;
    await page.getByTestId('window-1').getByRole('option').click();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.waitForFunction(() =>
      /take 1\/2/.test(document.querySelector('[data-testid="window-1"]')?.textContent ?? ''),
    );
    await page.keyboard.press('b');
    await page
      .getByTestId('window-1')
      .getByRole('option', { name: /auditioning take 2/ })
      .waitFor();
    await page.keyboard.press('k');
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForFunction(
        (width) => (document.querySelector('[data-testid="timeline-lanes"]')?.clientWidth ?? 0) === width,
        w,
      );
      const overflow = await page.evaluate(() => [
        document.documentElement.scrollWidth > innerWidth,
        document.documentElement.scrollHeight > innerHeight,
      ]);
      expect(overflow).toEqual([false, false]);
      await snap(page, `shot-${w}x${h}-editor`);
      await page.getByRole('button', { name: 'Jobs' }).click();
      await page.getByRole('complementary', { name: 'Jobs' }).waitFor();
      await snap(page, `shot-${w}x${h}-jobs`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Models', exact: true }).click();
      await page.getByRole('dialog', { name: 'Models' }).waitFor();
      await snap(page, `shot-${w}x${h}-models`);
      await page.keyboard.press('Escape');
    }
    expect(s.errors).toEqual([]);
  });
});
