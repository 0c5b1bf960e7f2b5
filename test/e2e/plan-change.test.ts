// Changing the window plan keeps the takes of windows whose range did not change and asks before hiding the
// others' takes, which come back with undo (Ctrl+Z acts on the project once no text is being edited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession } from './studio-session';
import type { Session } from './studio-session';

const takeLabels = (s: Session) =>
  s.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="window-"]')].map(
      (b) => /take \d+\/\d+|no take/.exec(b.textContent ?? '')?.[0] ?? '',
    ),
  );

describe('a plan change keeps the takes of unchanged windows', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('plan-change');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('keeps window 1 (same range) when the overlap changes, and undo brings every take back', async () => {
    const { page } = s;
    expect(await takeLabels(s)).toEqual(['take 1/1', 'take 1/1', 'take 1/1', 'take 1/1']);
    await page.getByLabel('Overlap (s)').fill('0.25');
    await page.getByLabel('Overlap (s)').press('Enter');
    // Windows 2–4 would change range: asked first; keeping the plan changes nothing.
    const ask = page.getByRole('alertdialog', { name: 'Change the window plan' });
    await ask.getByText('Windows 2, 3, 4 change range: their 3 takes will be hidden.').waitFor();
    await snap(page, 'plan-change-00-asked');
    await ask.getByRole('button', { name: 'Keep the plan' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Overlap (s)').inputValue()).toBe('0.5');
    await page.getByText('4 windows').waitFor();
    expect(await takeLabels(s)).toEqual(['take 1/1', 'take 1/1', 'take 1/1', 'take 1/1']);
    await page.getByLabel('Overlap (s)').fill('0.25');
    await page.getByLabel('Overlap (s)').press('Enter');
    await ask.getByRole('button', { name: 'Change the plan' }).click();
    await page.getByText('3 windows').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="window-"]').length === 3);
    expect(await takeLabels(s)).toEqual(['take 1/1', 'no take', 'no take']);
    await snap(page, 'plan-change-01-kept');
    // Still in the field, with nothing typed since the commit: Ctrl+Z undoes the plan change.
    await page.getByLabel('Overlap (s)').press('Control+z');
    await page.getByText('4 windows').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="window-"]').length === 4);
    expect(await takeLabels(s)).toEqual(['take 1/1', 'take 1/1', 'take 1/1', 'take 1/1']);
    expect(s.errors).toEqual([]);
  });

  it('says so when a value is out of range, and keeps the plan', async () => {
    const { page } = s;
    await page.getByLabel('Overlap (s)').fill('5');
    await page.getByLabel('Overlap (s)').press('Enter');
    await page.getByRole('alert').getByText('Overlap (s) must be between 0 and 1; kept 0.5.').waitFor();
    expect(await page.getByLabel('Overlap (s)').inputValue()).toBe('0.5');
    await page.getByText('4 windows').waitFor();
    await snap(page, 'plan-change-02-out-of-range');
  });
});
