// "Continue from here" in Chromium over the bridge, with the tiny model and its codec: a new take of window 1
// breaks the first seam; continuing from window 1 through the end regenerates the three windows after it, each
// prompted by the one before, and every seam is continuous again; one Undo brings all three old takes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('continue from here', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('continue');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  const marker = (i: number, kind: string) =>
    s.page.locator(`[data-testid="seam-${i}"][data-continuity="${kind}"]`);
  const takesOf = (i: number) =>
    s.page.getByTestId(`window-${i}`).evaluate((b) => /take \d+\/(\d+)/.exec(b.textContent ?? '')?.[1]);

  it('ripples from the selected window: every seam continuous, one undo step', async () => {
    const { page } = s;
    // A second take of window 1, selected: its seam with window 2 crossfades.
    await page.getByTestId('window-0').getByRole('option').click();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByTestId('take-2').waitFor();
    await waitForAllTakes(s, 4);
    await page.getByTestId('take-2').getByRole('button', { name: /^2/ }).click();
    await marker(0, 'crossfade').waitFor();

    const from = page.getByTestId('continue-from-here');
    await from.getByRole('button', { name: 'Through the end' }).click();
    for (const i of [0, 1, 2]) await marker(i, 'continuous').waitFor({ timeout: 120_000 });
    await waitForAllTakes(s, 4);
    expect([await takesOf(1), await takesOf(2), await takesOf(3)]).toEqual(['2', '2', '2']);
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toContain(
      'Continue from window 1',
    );
    await snap(page, 'continue-01-rippled');

    // One undo: windows 2–4 play their first takes again, which continued window 1's first take.
    await page.getByRole('button', { name: 'Undo' }).click();
    await marker(0, 'crossfade').waitFor();
    await marker(1, 'continuous').waitFor();
    await marker(2, 'continuous').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    for (const i of [0, 1, 2]) await marker(i, 'continuous').waitFor();
    await snap(page, 'continue-02-redone');
  });

  it('continues across a crossfaded seam from the seam inspector', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Undo' }).click();
    await marker(0, 'crossfade').waitFor();
    await page.getByRole('button', { name: /^Seam 1:/ }).click();
    await page.getByRole('button', { name: 'Continue window 2 from window 1' }).click();
    await marker(0, 'continuous').waitFor({ timeout: 120_000 });
    await waitForAllTakes(s, 4);
    expect(await takesOf(1)).toBe('3');
    await snap(page, 'continue-03-seam-inspector');
  });
});
