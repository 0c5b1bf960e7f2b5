// The editor reads the project again only when main announces a revision it does not show: generating reads
// it at most once per take added, never once per job event; an export (a job that changes no project) and the
// editor's own edits (their replies carry the new state) read it not at all. Reads are counted over the bridge.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSample, startSession, useShortWindows, waitForAllTakes } from './studio-session';
import type { Session } from './studio-session';

describe('project reads after jobs and edits', () => {
  let s: Session;
  /** project.get requests the page sent. */
  const reads: string[] = [];
  /** Event messages the page received over the events socket. */
  const frames: string[] = [];
  const projectFrames = () => frames.filter((f) => f.includes('"event":"project"')).length;
  const jobFrames = () => frames.filter((f) => f.includes('"event":"job"')).length;

  beforeAll(async () => {
    s = await startSession('project-refresh');
    s.page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/project.get') reads.push(r.method());
    });
    // The events socket opens with the page: load it again so this listener sees it.
    s.page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await s.page.reload();
    await openSample(s);
  }, 600_000);
  afterAll(async () => {
    await s?.end();
  });

  /** Waits until the page has received `n` project events, then for one more task of the page. */
  async function projectEventsSeen(n: number): Promise<void> {
    await expect.poll(projectFrames, { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
    await s.page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  }

  it("reads nothing for the editor's own edits", async () => {
    await useShortWindows(s);
    await projectEventsSeen(2);
    expect(reads).toEqual([]);
  });

  it('reads at most once per take a generation adds, not once per job event', async () => {
    const before = projectFrames();
    await s.page.getByRole('button', { name: 'Generate all' }).click();
    await waitForAllTakes(s, 4);
    await projectEventsSeen(before + 4);
    // Four takes, four revisions announced; each job sent at least queued, running and done.
    expect(projectFrames() - before).toBe(4);
    expect(jobFrames()).toBeGreaterThanOrEqual(12);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.length).toBeLessThanOrEqual(4);
  });

  it('reads nothing when an export job finishes', async () => {
    const { page } = s;
    const done = reads.length;
    const jobsBefore = jobFrames();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByText('Music (WAV)').click();
    await page.getByTestId('export-path').fill(path.join(s.dir, 'music.wav'));
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-done').waitFor({ timeout: 110_000 });
    expect(jobFrames() - jobsBefore).toBeGreaterThanOrEqual(3);
    expect(reads.length).toBe(done);
  });
});
