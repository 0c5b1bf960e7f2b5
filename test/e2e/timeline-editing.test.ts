// Timeline habits in Chromium over the bridge: drag a segment and regenerate the windows under it, zoom and
// scroll, loop a window, the help overlay, A/B audition with the B key, and a layout that reflows from 1280×720 to 4K.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { startGeneratedSession, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('editing on the timeline', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startGeneratedSession('timeline');
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('selects a segment by dragging and regenerates only the windows that cover it', async () => {
    const { page } = s;
    const box = await page.getByTestId('timeline-lanes').boundingBox();
    if (!box) throw new Error('timeline not laid out');
    // From 0.2 s to 1.0 s of 5.1 s: inside window 1 only… then extend to 1.8 s, which window 2 also covers.
    const x = (sec: number) => box.x + (box.width * sec) / 5.1;
    const y = box.y + box.height * 0.45;
    await page.mouse.move(x(0.2), y);
    await page.mouse.down();
    await page.mouse.move(x(1.0), y, { steps: 4 });
    await page.mouse.move(x(1.8), y, { steps: 4 });
    await page.mouse.up();
    await page.getByText('2 windows').waitFor();
    await snap(page, 'timeline-01-segment-selected');
    await page.getByRole('button', { name: 'Regenerate segment' }).click();
    await page.waitForFunction(() =>
      /take \d\/2/.test(document.querySelector('[data-testid="window-1"]')?.textContent ?? ''),
    );
    await waitForAllTakes(s, 4);
    const texts = await page.locator('[data-testid^="window-"]').allTextContents();
    expect(texts.map((t) => /\/(\d)/.exec(t)?.[1])).toEqual(['2', '2', '1', '1']);
  });

  it('zooms with Ctrl+wheel around the pointer and back to fit with 0', async () => {
    const { page } = s;
    const first = async () => (await page.locator('.tick.major span').first().textContent()) ?? '';
    const labels = async () => page.locator('.tick.major span').count();
    const before = await labels();
    const box = await page.getByTestId('timeline-lanes').boundingBox();
    if (!box) throw new Error('timeline not laid out');
    await page.mouse.move(box.x + box.width * 0.75, box.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -600);
    await page.keyboard.up('Control');
    // Labels carry only the precision of their step (0:00.5 at fit, 0:00.00 at the closest zoom).
    await page.waitForFunction(
      () => !/^0:00(\.0+)?$/.test(document.querySelector('.tick.major span')?.textContent ?? ''),
    );
    expect(await first()).not.toMatch(/^0:00(\.0+)?$/);
    await page.mouse.wheel(0, -20000);
    await page.waitForFunction(() =>
      /^0:00\.0+$/.test(document.querySelector('.tick.major span')?.textContent ?? ''),
    );
    await snap(page, 'timeline-02-zoomed');
    await page.keyboard.press('0');
    await page.waitForFunction((n) => document.querySelectorAll('.tick.major span').length === n, before);
  });

  it('auditions another take of a window without selecting it, shown on its block; B toggles A/B', async () => {
    const { page } = s;
    const block = page.getByTestId('window-0');
    const label = async () =>
      ((await block.getByRole('option').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await block.getByRole('option').click();
    const ab = page.getByTestId('take-2').getByRole('button', { name: 'A/B' });
    await ab.click();
    expect(await ab.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => document.querySelector('video')?.paused === false);
    // The block shows the auditioned take (B), while take 1 stays selected in the inspector.
    expect(await label()).toBe('W1 take 2/2 B');
    expect(
      await page.getByTestId('take-1').getByRole('button', { name: /^1/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await snap(page, 'timeline-03-audition');
    await page.keyboard.press('k');
    await page.keyboard.press('b');
    await page.waitForFunction(() =>
      /take 1\/2$/.test(document.querySelector('[data-testid="window-0"]')?.textContent?.trim() ?? ''),
    );
    expect(await ab.getAttribute('aria-pressed')).toBe('false');
    expect(await block.getByRole('option').getAttribute('aria-label')).toBe('Window 1, 2 takes');
    await page.keyboard.press('b');
    await block.getByRole('option', { name: 'Window 1, 2 takes, auditioning take 2' }).waitFor();
    expect(await ab.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('k');
    await ab.click();
    expect(await ab.getAttribute('aria-pressed')).toBe('false');
    expect(await label()).toBe('W1 take 1/2');
    // A window with a single take has nothing to compare: B says so and changes nothing.
    await page.getByTestId('window-2').getByRole('option').click();
    await page.keyboard.press('b');
    await page.getByText('Window 3 has no other take to compare.').waitFor();
    expect(await page.getByTestId('window-2').getByRole('option').textContent()).not.toContain('B');
  });

  it('loops the selected window with O while playing', async () => {
    const { page } = s;
    await page.getByTestId('window-1').getByRole('option').click();
    await page.keyboard.press('o');
    expect(await page.getByRole('button', { name: /Loop/ }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    // Window 2 spans 1.5–3.5 s: playback reaches its end, then jumps back to its start.
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 3.2, undefined, {
      polling: 50,
    });
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 9) < 2.5, undefined, {
      polling: 50,
    });
    await page.keyboard.press('Space');
    await page.keyboard.press('o');
    expect(await page.getByRole('button', { name: /Loop/ }).getAttribute('aria-pressed')).toBe('false');
  });

  it('lists the keyboard shortcuts in a help overlay opened with ?', async () => {
    const { page } = s;
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const k of ['Space', 'J / K / L', 'Ctrl + Shift + Z', '1 – 9'])
      expect(await dialog.getByText(k, { exact: true }).count()).toBe(1);
    await snap(page, 'timeline-04-help');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists past jobs in the jobs drawer, and the model with its licence in the model manager, which explains a refused import', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Jobs' }).click();
    const drawer = page.getByRole('complementary', { name: 'Jobs' });
    await drawer.waitFor();
    expect(await drawer.locator('[data-testid="job-generate"]').count()).toBeGreaterThanOrEqual(6);
    expect(await drawer.getByText('done').count()).toBeGreaterThanOrEqual(6);
    await snap(page, 'timeline-05-jobs');
    await page.getByRole('button', { name: 'Close jobs' }).click();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Models' });
    await dialog.waitFor();
    expect(await dialog.getByText('CC-BY-NC-4.0').first().isVisible()).toBe(true);
    expect(await dialog.getByText('untrained — output is noise').first().isVisible()).toBe(true);
    // The precision gate's figures of the bundle's own weights, and the default they chose.
    const gate = dialog.locator('[data-testid="bundle-precision"]').first();
    expect(await gate.textContent()).toMatch(
      /Decoder precision q8 .*q8: logits error 1\.6 %, agreement 98\.1 %.*q4: logits error 14\.3 %, agreement 70\.7 % \(fails the gate\)/s,
    );
    // Importing the bundle that is already installed is refused by the import job, with the reason shown.
    await dialog.getByLabel('Bundle folder path').fill(path.resolve('resources/models/tiny-untrained'));
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.locator('[data-testid="job-import"]').getByText('already installed').waitFor();
    expect(await dialog.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await snap(page, 'timeline-06-models');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('reflows from 1280×720 to 4K without overflowing the window', async () => {
    const { page } = s;
    for (const [w, h, name] of [
      [1280, 720, 'timeline-07-1280x720'],
      [1920, 1080, 'timeline-08-1920x1080'],
      [3840, 2160, 'timeline-09-3840x2160'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForFunction(
        (width) => (document.querySelector('[data-testid="timeline-lanes"]')?.clientWidth ?? 0) === width,
        w,
      );
      const overflow = await page.evaluate(() => [
        document.documentElement.scrollWidth > innerWidth,
        document.documentElement.scrollHeight > innerHeight,
      ]);
      expect(overflow).toEqual([false, false]);
      await snap(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
