// Launches Debian's Chromium through playwright-core for the end-to-end tests (the engine Electron embeds),
// with a fresh profile per run, and collects the page's console errors.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath } from './chromium-path';

/** A running browser with one page, and its teardown. */
export interface TestBrowser {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Where screenshots go: test-artifacts/e2e/<name>.png. */
export const ARTIFACTS = path.resolve('test-artifacts/e2e');

/** Starts Chromium headless with the flags that work on these machines and opens `url`. */
export async function openBrowser(
  url: string,
  viewport = { width: 1280, height: 720 },
): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'vidmuse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() ?? 'chromium (not found: set VIDMUSE_CHROMIUM)',
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return {
    page,
    context,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-artifacts/e2e/<name>.png and returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
