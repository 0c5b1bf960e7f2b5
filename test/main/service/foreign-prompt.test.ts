// A continuation prompt is another take's codes, which mean the same music only to the bundle and codec rate
// that wrote them: a prompt from a take of another bundle or sample rate is refused naming both, and the
// refused job leaves no take row, no selection change and no file behind.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/service';
import { tempDir } from '../synth-media';
import { writeTestBundle } from './fixtures';
import { copySample, makeStudio } from './helpers';

const tmp = tempDir('foreign-prompt');
let studio: Studio;
let bundles: string;

beforeAll(() => {
  bundles = writeTestBundle(tmp.dir, 'bundle-a');
  writeTestBundle(tmp.dir, 'bundle-b');
  studio = makeStudio(tmp.dir, { bundleDirs: [bundles] });
});
afterAll(async () => {
  await studio.dispose();
  tmp.remove();
});

/** Every file under the library folder but the database, with its size. */
function files(dir = join(tmp.dir, 'library')): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile() && !f.startsWith('library.db'))
    .map((f) => `${f}:${statSync(join(dir, f)).size}`)
    .sort();
}

/** Takes per window and the selected take ids, as the database holds them. */
function takeRows(projectId: string): unknown {
  const db = studio.context.db;
  return {
    takes: db
      .prepare(
        `SELECT w.idx, t.id, t.bundle_id FROM takes t JOIN windows w ON w.id = t.window_id
         JOIN plans p ON p.id = w.plan_id WHERE p.project_id = ? ORDER BY w.idx, t.id`,
      )
      .all(projectId),
    selections: db.prepare('SELECT window_id, take_id FROM selections ORDER BY window_id').all(),
  };
}

/** Generates one window and returns the finished job. */
async function generate(projectId: string, index: number) {
  const { jobIds } = await studio['generate.windows']({ projectId, windowIndices: [index] });
  await studio.idle();
  return (await studio['jobs.list']()).find((j) => j.id === jobIds[0])!;
}

describe('prompts from a foreign take', () => {
  it('refuses a take of another bundle, naming both, and writes nothing', async () => {
    let s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    s = await studio['project.setBundle']({ projectId: s.id, bundleId: 'bundle-a' });
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
    expect((await generate(s.id, 0)).status).toBe('done');
    await studio['project.setBundle']({ projectId: s.id, bundleId: 'bundle-b' });
    const before = { rows: takeRows(s.id), files: files() };

    const job = await generate(s.id, 1);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toBe(
      `Window 2 cannot continue window 1's take: it was made with bundle "bundle-a" at 32000 Hz; this project ` +
        `generates with bundle "bundle-b" at 32000 Hz. Generate window 1 again first.`,
    );
    expect({ rows: takeRows(s.id), files: files() }).toEqual(before);
  });

  it('refuses a take whose sample rate is not the bundle\u2019s, even under the same bundle id', async () => {
    let s = await studio['project.openVideo']({ path: copySample(tmp.dir, 'second.mp4') });
    s = await studio['project.setBundle']({ projectId: s.id, bundleId: 'bundle-a' });
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
    expect((await generate(s.id, 0)).status).toBe('done');
    // The bundle folder is replaced by a 48 kHz conversion that kept the id.
    const manifest = join(bundles, 'bundle-a', 'model.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { audio: { sampleRate: number } };
    writeFileSync(manifest, JSON.stringify({ ...m, audio: { ...m.audio, sampleRate: 48000 } }));
    const before = { rows: takeRows(s.id), files: files() };

    const job = await generate(s.id, 1);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toContain('it was made with bundle "bundle-a" at 32000 Hz');
    expect(job.error?.message).toContain('generates with bundle "bundle-a" at 48000 Hz');
    expect({ rows: takeRows(s.id), files: files() }).toEqual(before);
  });
});
