// Seam continuity in Chromium over the bridge, with the tiny model and its codec: after Generate all every seam
// is continuous (marker and inspector say so); selecting another take of the left window turns the seam into a
// crossfade and the inspector says why and offers the take that makes it continuous; selecting it makes the
// seam continuous again.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('seam continuity', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('continuity');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  const marker = (kind: string) => s.page.locator(`[data-testid="seam-0"][data-continuity="${kind}"]`);
  const inspector = (kind: string) => s.page.locator(`[data-testid="seam-continuity"][data-kind="${kind}"]`);

  it('shows a continued chain as continuous seams', async () => {
    const { page } = s;
    for (const i of [0, 1, 2])
      await page.locator(`[data-testid="seam-${i}"][data-continuity="continuous"]`).waitFor();
    await page.getByRole('button', { name: /^Seam 1:/ }).click();
    await inspector('continuous').getByText('Continuous: the right take continued the left one').waitFor();
    await snap(page, 'continuity-01-continuous');
  });

  it('crossfades when the left take is switched, says why, and is continuous again when switched back', async () => {
    const { page } = s;
    await page.getByTestId('window-0').getByRole('option').click();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByTestId('take-2').waitFor();
    await waitForAllTakes(s, 4);
    await page.getByTestId('take-2').getByRole('button', { name: /^2/ }).click();
    await marker('crossfade').waitFor();
    await page.getByRole('button', { name: /^Seam 1:/ }).click();
    await inspector('crossfade')
      .getByText('Crossfaded: the left take changed since the right take continued it.')
      .waitFor();
    await snap(page, 'continuity-02-crossfaded');

    // The inspector offers the take the right window continued; selecting it makes the seam continuous.
    await page.getByRole('button', { name: 'Select take 1 of window 1' }).click();
    await inspector('continuous').waitFor();
    await marker('continuous').waitFor();
    await snap(page, 'continuity-03-continuous-again');
  });
});
