// "Continue from here" one window at a time and from the middle of the plan, in Chromium over the bridge with
// the tiny model (the ripple from the first window is continue-from-here.test.ts): after window 1 is regenerated
// its seam crossfades; "Next window" regenerates window 2 alone from window 1's new take (seam 1 continuous,
// seam 2 now crossfaded, windows 3-4 untouched); "Through the end" from window 2 regenerates windows 3 and 4
// (every seam continuous); one Undo selects the ripple's previous takes again (seam 2 crossfaded) and Redo the
// new ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('continue the next window, then ripple from the middle', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('continue-next');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  const seam = (i: number, kind: string) =>
    s.page.locator(`[data-testid="seam-${i}"][data-continuity="${kind}"]`).waitFor({ timeout: 110_000 });
  /** Waits until window i (0-based) shows "take n/m". */
  const showsTake = (i: number, take: string) =>
    s.page
      .getByTestId(`window-${i}`)
      .getByText(`take ${take}`, { exact: true })
      .waitFor({ timeout: 110_000 });
  const continueButton = (name: string) =>
    s.page.getByTestId('continue-from-here').getByRole('button', { name, exact: true });

  it('continues the next window from a new take', async () => {
    const { page } = s;
    for (const i of [0, 1, 2]) await seam(i, 'continuous');
    await page.getByTestId('window-0').getByRole('option').click();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByTestId('take-2').waitFor();
    await waitForAllTakes(s, 4);
    await page.getByTestId('take-2').getByRole('button', { name: /^2/ }).click();
    await seam(0, 'crossfade');

    await continueButton('Next window').click();
    await showsTake(1, '2/2');
    await seam(0, 'continuous');
    await seam(1, 'crossfade');
    await seam(2, 'continuous');
    for (const i of [2, 3]) await showsTake(i, '1/1');
    await snap(page, 'continue-next-01-next-window');
  });

  it('ripples through the end as one undo step', async () => {
    const { page } = s;
    await page.getByTestId('window-1').getByRole('option').click();
    await continueButton('Through the end').click();
    for (const i of [2, 3]) await showsTake(i, '2/2');
    for (const i of [0, 1, 2]) await seam(i, 'continuous');
    await snap(page, 'continue-next-02-through-the-end');

    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toContain(
      'Continue from window 2',
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    for (const i of [2, 3]) await showsTake(i, '1/2');
    await seam(1, 'crossfade');
    await seam(0, 'continuous');
    await seam(2, 'continuous');

    await page.getByRole('button', { name: 'Redo' }).click();
    for (const i of [2, 3]) await showsTake(i, '2/2');
    for (const i of [0, 1, 2]) await seam(i, 'continuous');
    await snap(page, 'continue-next-03-redone');
  });
});
