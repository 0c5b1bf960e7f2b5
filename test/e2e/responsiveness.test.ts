// The editor stays responsive while the model generates: no long task over 100 ms on the renderer's main
// thread from the click on "Generate all" until every window has its take, while the user scrolls and zooms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { openSample, startSession, useShortWindows, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

describe('renderer responsiveness during generation', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('longtask');
    await openSample(s);
    await useShortWindows(s);
  });
  afterAll(async () => {
    await s?.end();
  });

  it('has no long task over 100 ms while four windows generate', async () => {
    const { page } = s;
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks?.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByRole('button', { name: 'Generate all' }).click();
    await page.locator('[data-testid^="window-"] [role="progressbar"]').first().waitFor();
    const lanes = page.getByTestId('timeline-lanes');
    await lanes.hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await page.mouse.wheel(0, 300);
    await page.getByRole('button', { name: 'Jobs' }).click();
    await snap(page, 'responsiveness-generating');
    await waitForAllTakes(s, 4);
    const tasks = await page.evaluate(() => window.__longTasks ?? []);
    expect(tasks.filter((d) => d > 100)).toEqual([]);
  });
});
