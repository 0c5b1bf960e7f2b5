// Takes and jobs in Chromium over the bridge: cancel a window's generation from the timeline, star and delete a take
// and undo/redo it, drag a seam's edge, rename the project and reopen it from the recent list after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

const takeCount = async (s: Session, i: number) =>
  /\/(\d+)/.exec((await s.page.getByTestId(`window-${i}`).textContent()) ?? '')?.[1];

describe('takes and jobs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('takes');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('cancels a queued window from its cancel button on the timeline', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Generate all' }).click();
    await page.getByRole('button', { name: 'Cancel generation of window 4' }).click();
    await waitForAllTakes(s, 4);
    expect(await takeCount(s, 3)).toBe('1');
    expect(await takeCount(s, 0)).toBe('2');
    await page.getByRole('button', { name: 'Jobs' }).click();
    await page.getByRole('complementary', { name: 'Jobs' }).getByText('cancelled').first().waitFor();
    await snap(page, 'takes-01-cancelled');
    await page.getByRole('button', { name: 'Close jobs' }).click();
  });

  it('stars a take', async () => {
    const { page } = s;
    await page.getByTestId('window-0').getByRole('option').click();
    await page.getByTestId('take-1').getByRole('button', { name: 'Star take' }).click();
    await page.getByTestId('take-1').getByRole('button', { name: 'Unstar take', pressed: true }).waitFor();
  });

  it('deletes a take, and brings it back with undo and removes it again with redo', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Delete take 2' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="window-0"]')?.textContent?.includes('/1'),
    );
    await snap(page, 'takes-02-deleted');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('take-2').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByTestId('take-2').waitFor({ state: 'detached' });
    expect(await takeCount(s, 0)).toBe('1');
  });

  it('shortens a crossfade by dragging its edge on the music lane', async () => {
    const { page } = s;
    const seam = page.getByTestId('seam-1');
    const box = await seam.boundingBox();
    if (!box) throw new Error('seam not laid out');
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: /^Seam 2: equal-power crossfade, 0\.(2|3)\d s/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toContain('crossfade');
    await snap(page, 'takes-03-seam-dragged');
  });

  it('renames the project from the top bar', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'vidmuse-sample' }).dblclick();
    await page.getByLabel('Project name').fill('Desert ride');
    await page.getByLabel('Project name').press('Enter');
    await page.getByRole('button', { name: 'Desert ride' }).waitFor();
  });

  it('reopens the project from the recent list after a reload', async () => {
    const { page } = s;
    await page.reload();
    await page.getByRole('heading', { name: 'Score a video with music' }).waitFor();
    await page
      .getByRole('region', { name: 'Recent projects' })
      .getByRole('button', { name: /Desert ride/ })
      .click();
    await page.getByTestId('meta-duration').waitFor();
    expect(await page.locator('[data-testid^="window-"]').count()).toBe(4);
    await snap(page, 'takes-04-reopened');
  });
});
