// The model picker says where the engine runs models: the inference host's execution provider, the bundle's
// decoder precision and the reason the provider was chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { openSample, startSession } from './studio-session';
import type { Session } from './studio-session';

describe('model picker', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession('model-provider');
    await openSample(s);
  }, 300_000);
  afterAll(async () => {
    await s?.end();
  });

  it('shows the provider in use and why', async () => {
    await s.page.getByRole('tab', { name: 'Generation' }).click();
    const line = s.page.getByTestId('model-provider');
    await line.getByText('Runs on', { exact: false }).waitFor();
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="model-provider"]')?.textContent?.includes('checking'),
    );
    const text = (await line.textContent())!.replace(/\s+/g, ' ').trim();
    // The e2e host runs with the editor's settings ('auto'); this machine has no GPU device, so the CPU.
    expect(text).toMatch(/^Runs on cpu · q8 \(auto: no GPU device found/);
    await snap(s.page, 'model-provider');
    expect(s.errors).toEqual([]);
  });
});
