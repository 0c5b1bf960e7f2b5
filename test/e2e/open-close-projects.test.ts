// Open…, Open Recent and Close Project in the editor, by the top bar and by Ctrl+O / Ctrl+W, and the project's
// lock: held while the editor has it open (the CLI is refused), released on close and when the browser
// client goes away, so `generate` from the command line works on the closed project.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snap } from './browser';
import { openSample, startSession } from './studio-session';
import type { Session } from './studio-session';

const run = promisify(execFile);

/** Runs the CLI on the session's library; returns its exit code and output. */
async function cli(s: Session, args: string[]): Promise<{ code: number; out: string }> {
  const library = path.join(s.dir, 'library');
  try {
    const r = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args, '--library', library],
      { maxBuffer: 1 << 24 },
    );
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

const locks = (s: Session): number =>
  (s.bridge.studio.context.db.prepare('SELECT count(*) AS n FROM project_locks').get() as { n: number }).n;

describe('opening, switching and closing projects', () => {
  let s: Session;
  let projectId = '';
  beforeAll(async () => {
    s = await startSession('open-close', false);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  it('holds the lock while open: the CLI is refused', async () => {
    await openSample(s);
    projectId = (await s.bridge.studio['project.recent'](undefined))[0]!.id;
    expect(locks(s)).toBe(1);
    const refused = await cli(s, ['generate', projectId, '--window', '1']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('already open in another VidMuse Studio instance');
  });

  it('closes from the top bar: back to the start screen, lock released, the CLI generates', async () => {
    const { page } = s;
    await snap(page, 'projects-01-open');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('heading', { name: 'Score a video with music' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('video'));
    expect(locks(s)).toBe(0);
    const made = await cli(s, ['generate', projectId, '--window', '1', '--json']);
    expect(made.code, made.out).toBe(0);
    await snap(page, 'projects-02-closed');
  });

  it('reopens by Ctrl+O from the recent list and shows the take made from the command line', async () => {
    const { page } = s;
    await page.keyboard.press('Control+o');
    const dialog = page.getByRole('dialog', { name: 'Open' });
    await dialog.waitFor();
    await dialog.getByRole('region', { name: 'Recent projects' }).getByRole('button').first().waitFor();
    await snap(page, 'projects-03-open-dialog');
    await dialog.getByRole('button', { name: /vidmuse-sample/ }).click();
    await page.getByTestId('meta-duration').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('window-0')
      .getByText(/take 1\/1/)
      .waitFor();
    expect(locks(s)).toBe(1);
  });

  it('closes by Ctrl+W and switches projects through Open…', async () => {
    const { page } = s;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+w');
    await page.getByRole('heading', { name: 'Score a video with music' }).waitFor();
    expect(locks(s)).toBe(0);
    await page.getByRole('button', { name: 'Open…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open' });
    await dialog.getByRole('button', { name: /vidmuse-sample/ }).click();
    await page.getByTestId('meta-duration').waitFor();
    expect(locks(s)).toBe(1);
    expect(s.errors).toEqual([]);
  });

  it('releases the lock when the browser client disconnects without closing', async () => {
    const { page } = s;
    // Only the lost connection can release it: the page's own close request is dropped.
    await page.route('**/api/project.close', (r) => r.abort());
    await page.close({ runBeforeUnload: false });
    const deadline = Date.now() + 15_000;
    while (locks(s) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(locks(s)).toBe(0);
    const made = await cli(s, ['generate', projectId, '--window', '1', '--json']);
    expect(made.code, made.out).toBe(0);
  });
});
