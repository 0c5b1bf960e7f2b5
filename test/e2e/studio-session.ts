// One editor session for an e2e test: a fresh library, the real studio and inference host behind the
// loopback bridge, and Chromium on the page; plus the steps several tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridgeForTest } from '../../src/main/bridge/studio-bridge';
import type { StudioBridge } from '../../src/main/bridge/studio-bridge';
import { openBrowser } from './browser';
import type { TestBrowser } from './browser';
import { createInferenceGenerator, type InferenceGenerator } from '../../src/main/bridge/inference-generator';
import { startWorkerHost } from '../../src/inference';
import { acquireExclusive } from './exclusive';
import { SAMPLE_VIDEO } from '../fixtures/paths';
export { SAMPLE_VIDEO };

/** The 5.1 s, 1280×720, 30 fps sample video without audio. */

/** A running studio, bridge and browser. */
export interface Session extends TestBrowser {
  dir: string;
  bridge: StudioBridge;
  /** Stops everything and removes the library. */
  end(): Promise<void>;
}

/** Starts a session; `generate` adds the real inference engine (tiny bundle). */
export async function startSession(name: string, generate = true): Promise<Session> {
  const release = await acquireExclusive();
  try {
    return await launch(name, generate, release);
  } catch (e) {
    release();
    throw e;
  }
}

async function launch(name: string, generate: boolean, release: () => void): Promise<Session> {
  const dir = mkdtempSync(path.join(tmpdir(), `vidmuse-e2e-${name}-`));
  // The app's own adapter and editor settings: the real inference host in a worker thread, one core left to the UI.
  const engine: InferenceGenerator | null = generate
    ? createInferenceGenerator(() => startWorkerHost(), path.join(dir, 'cache'))
    : null;
  // Converted bundles go to the session's own model folder, beside the shipped ones.
  const bundleDirs = [path.resolve('resources/models'), path.join(dir, 'models')];
  const bridge = await startBridgeForTest({
    libraryDir: path.join(dir, 'library'),
    bundleDirs,
    ...(engine
      ? {
          generator: engine.generator,
          decoder: engine.decoder,
          converter: engine.converter,
          provider: engine.provider,
        }
      : {}),
  });
  const browser = await openBrowser(bridge.url);
  return {
    ...browser,
    dir,
    bridge,
    end: async () => {
      await browser.close();
      await bridge.close();
      await engine?.dispose();
      rmSync(dir, { recursive: true, force: true });
      release();
    },
  };
}

/** Opens the sample video through the path field (the web harness has no native dialog). */
export async function openSample(s: Session): Promise<void> {
  const { page } = s;
  await page.getByRole('button', { name: 'Open video by path…' }).click();
  await page.getByLabel('Video file path').fill(SAMPLE_VIDEO);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('meta-duration').waitFor();
}

/** Sets the plan to 2 s windows overlapping by 0.5 s (four windows over the sample). */
export async function useShortWindows(s: Session): Promise<void> {
  const { page } = s;
  await page.getByRole('tab', { name: 'Generation' }).click();
  await page.getByLabel('Window (s)').fill('2');
  await page.getByLabel('Window (s)').press('Enter');
  await page.getByText('4 windows').waitFor();
  await page.getByLabel('Overlap (s)').fill('0.25');
  await page.getByLabel('Overlap (s)').press('Enter');
  await page.getByText('3 windows').waitFor();
  await page.getByLabel('Overlap (s)').fill('0.5');
  await page.getByLabel('Overlap (s)').press('Enter');
  await page.getByText('4 windows').waitFor();
}

/** Waits until every window shows a selected take and no window is generating. */
export async function waitForAllTakes(s: Session, windows: number): Promise<void> {
  await s.page.waitForFunction(
    (n) => {
      const blocks = [...document.querySelectorAll('[data-testid^="window-"]')];
      return (
        blocks.length === n &&
        blocks.every(
          (b) => /take \d+\/\d+/.test(b.textContent ?? '') && !b.querySelector('[role="progressbar"]'),
        )
      );
    },
    windows,
    { timeout: 110_000, polling: 250 },
  );
}

/** A session with the sample open in four short windows, every window generated once. */
export async function startGeneratedSession(name: string): Promise<Session> {
  const s = await startSession(name);
  await openSample(s);
  await useShortWindows(s);
  await s.page.getByRole('button', { name: 'Generate all' }).click();
  await waitForAllTakes(s, 4);
  return s;
}
