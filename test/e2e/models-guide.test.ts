// The models guide in Chromium: where the released weights and the codec come from and their licences, path
// fields in the browser build, and the guided conversion of the reference checkpoint with its progress, whose
// new bundle is then selected for the open project.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../fixtures/paths';
import { snap } from './browser';
import { openSample, startSession } from './studio-session';
import type { Session } from './studio-session';

describe('models guide', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('models-guide');
    await openSample(s);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('says where the released weights and the codec come from, and their licences', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const guide = page.getByRole('region', { name: 'Set up the released model' });
    await guide.waitFor();
    const vidmuse = guide.getByRole('link', { name: 'Zeyue7/VidMuse' });
    expect(await vidmuse.getAttribute('href')).toBe('https://huggingface.co/Zeyue7/VidMuse');
    const codec = guide.getByRole('link', { name: 'facebook/encodec_32khz' });
    expect(await codec.getAttribute('href')).toBe('https://huggingface.co/facebook/encodec_32khz');
    const text = (await guide.textContent()) ?? '';
    for (const f of ['state_dict.bin', 'config.json', 'model.safetensors', 'CC-BY-NC', 'CC-BY-NC 4.0'])
      expect(text).toContain(f);
    // The browser build has no native pickers: path fields only.
    expect(await guide.getByRole('button', { name: 'Choose…' }).count()).toBe(0);
    expect(await guide.getByLabel('Checkpoint file path').isEditable()).toBe(true);
    await snap(page, 'models-01-guide');
  });

  it('converts the reference checkpoint with progress and selects the new bundle for the project', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'Models' });
    const guide = dialog.getByRole('region', { name: 'Set up the released model' });
    await guide.getByLabel('Checkpoint file path').fill(path.join(REFERENCE_DIR, 'lm', 'state_dict.bin'));
    await guide.getByLabel('Codec folder path').fill(path.join(REFERENCE_DIR, 'codec'));
    await guide.getByRole('button', { name: 'Convert' }).click();
    const row = guide.getByRole('list', { name: 'Conversion' }).locator('[data-testid="job-convert"]');
    await row.getByRole('progressbar').waitFor();
    await snap(page, 'models-02-converting');
    const done = guide.getByTestId('converted-bundle');
    await done.waitFor({ timeout: 300_000 });
    const id = /vidmuse-fp32-\d{14}/.exec((await done.textContent()) ?? '')?.[0];
    expect(id).toBeDefined();
    expect(await done.textContent()).toContain('now used by this project');
    expect(await dialog.locator('.bundles li.made').textContent()).toContain(id);
    await snap(page, 'models-03-converted');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Generation' }).click();
    const picker = page.getByRole('combobox', { name: 'Model bundle' });
    await page.waitForFunction(
      (want) =>
        (document.querySelector('select[aria-label="Model bundle"]') as HTMLSelectElement)?.value === want,
      id,
    );
    expect(await picker.inputValue()).toBe(id);
    expect(s.errors).toEqual([]);
  });
});
