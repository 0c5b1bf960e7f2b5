// Errors and inputs in Chromium: a video ffprobe cannot read gives a short message with ffprobe's raw log behind
// a "Details" disclosure; a notice goes away on its own; an out-of-range export level says so and holds the
// export back until it is fixed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { SAMPLE_VIDEO, startSession } from './studio-session';
import type { Session } from './studio-session';

describe('errors and inputs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('errors', false);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('shows a short message for a file ffprobe cannot read, with the raw log behind a disclosure', async () => {
    const { page } = s;
    const broken = path.join(s.dir, 'broken.mp4');
    writeFileSync(broken, Buffer.from('this is not a video file, only text with a video name\n'.repeat(40)));
    await page.getByRole('button', { name: 'Open video by path…' }).click();
    await page.getByLabel('Video file path').fill(broken);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = (await alert.evaluate((el) => el.firstChild?.textContent ?? '')).trim();
    expect(message).toMatch(
      /^.*broken\.mp4 (cannot be read as media|is truncated or is not a media file) \(.+\)$/,
    );
    expect(message).not.toContain('exited with status');
    expect(message.split('broken.mp4').length).toBe(2);
    const raw = alert.locator('details pre');
    expect(await raw.isVisible()).toBe(false);
    await alert.getByText('Details', { exact: true }).click();
    expect(await raw.isVisible()).toBe(true);
    expect(await raw.textContent()).toMatch(/^ffprobe exited with status 1\n.*Invalid data found/s);
    await snap(page, 'errors-01-unreadable-details');
  });

  it('lets a notice go away on its own', async () => {
    const { page } = s;
    // The path field is still open from the failed attempt.
    await page.getByLabel('Video file path').fill(SAMPLE_VIDEO);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('meta-duration').waitFor();
    await page.getByTestId('window-0').getByRole('option').click();
    await page.keyboard.press('b');
    const notice = page.getByRole('status').filter({ hasText: 'Window 1 has no other take to compare.' });
    await notice.waitFor();
    await notice.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('says an export level is out of range and holds the export back until it is fixed', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    const loudness = dialog.getByLabel('Loudness target (LUFS)');
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
    await loudness.fill('-50');
    await dialog.getByRole('alert').getByText('Loudness target must be between -40 and -5 LUFS.').waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    await snap(page, 'errors-02-export-range');
    await loudness.fill('-14');
    await dialog.getByRole('alert').waitFor({ state: 'detached' });
    expect(await exportButton.isDisabled()).toBe(false);
    await dialog.getByLabel('Music gain (dB)').fill('20');
    await dialog.getByRole('alert').getByText('Music gain must be between -60 and 12 dB.').waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    // The one console error is the browser's own line for the refused open of the first test.
    expect(s.errors).toEqual([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ]);
  });
});
