// Export never replaces a file silently: an existing destination is kept unless the user confirms, and the
// next export's default destination is the folder of the last one.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { openSample, startSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('export asks before replacing and remembers its folder', () => {
  let s: Session;
  let folder = '';
  beforeAll(async () => {
    s = await startSession('export-replace');
    folder = path.join(s.dir, 'exports');
    mkdirSync(folder);
    await openSample(s);
    await s.page.getByRole('button', { name: 'Generate all' }).click();
    await waitForAllTakes(s, 1);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  const dialog = () => s.page.getByRole('dialog', { name: 'Export' });
  const exportButton = () => dialog().getByRole('button', { name: 'Export', exact: true });

  it('keeps an existing file unless the user confirms, then replaces it', async () => {
    const { page } = s;
    const out = path.join(folder, 'music.wav');
    writeFileSync(out, 'not music');
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await dialog().getByText('Music (WAV)').click();
    await page.getByTestId('export-path').fill(out);
    await exportButton().click();
    const ask = page.getByRole('alertdialog', { name: 'Replace file' });
    await ask.waitFor();
    expect(await ask.textContent()).toContain(`${out} already exists. Replace it?`);
    await snap(page, 'export-01-replace-asked');
    await ask.getByRole('button', { name: 'Keep it' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(statSync(out).size).toBe('not music'.length);
    expect(await page.getByTestId('export-done').count()).toBe(0);

    await exportButton().click();
    await ask.getByRole('button', { name: 'Replace' }).click();
    await page.getByTestId('export-done').waitFor({ timeout: 110_000 });
    expect(statSync(out).size).toBeGreaterThan(10_000);
    await snap(page, 'export-02-replaced');
  });

  it('defaults the next export to the last export folder', async () => {
    const { page } = s;
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    expect(await page.getByTestId('export-path').inputValue()).toBe(
      path.join(folder, 'vidmuse-sample.scored.mp4'),
    );
    // The two refused starts (the file existed) are logged by the browser as failed requests; nothing else.
    expect(s.errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    expect(s.errors.length).toBe(2);
  });
});
