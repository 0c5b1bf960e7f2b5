// Jobs in Chromium: "Generate all" shows one overall progress in the top bar; each row of the jobs panel names
// its project and what it does, the provider, its start time and elapsed time; "Clear finished"; Esc closes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { openSample, startSession, useShortWindows, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('jobs panel', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('jobs');
    await openSample(s);
    await useShortWindows(s);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('shows one progress over "Generate all" in the top bar until every window has a take', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Generate all' }).click();
    const batch = page.getByTestId('batch-progress');
    await batch.waitFor();
    expect((await batch.textContent())?.trim()).toMatch(/^[0-3]\/4 windows · \d+%/);
    expect(await batch.getByRole('progressbar', { name: 'Generate all' }).count()).toBe(1);
    await snap(page, 'jobs-01-batch');
    await waitForAllTakes(s, 4);
    await batch.waitFor({ state: 'detached' });
  });

  it('names project, task, provider, start and elapsed time in each row; clears finished; Esc closes', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Jobs' }).click();
    const drawer = page.getByRole('complementary', { name: 'Jobs' });
    const row = drawer.locator('[data-testid="job-generate"]', {
      hasText: 'Generate window 2 of 4 — vidmuse-sample',
    });
    await row.waitFor();
    expect(await row.getByTestId('job-meta').textContent()).toMatch(
      /^\s*cpu · [\w-]+\s*started \d\d:\d\d:\d\d\s*\d+:\d\d\s*$/,
    );
    expect(await drawer.locator('[data-testid="job-generate"]').count()).toBe(4);
    await snap(page, 'jobs-02-rows');
    await drawer.getByRole('button', { name: 'Clear finished' }).click();
    await drawer.getByText('No jobs running.').waitFor();
    expect(await drawer.locator('li').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(s.errors).toEqual([]);
  });
});
