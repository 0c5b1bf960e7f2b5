// Calls that name something that does not exist, or a file that cannot be what the call needs, are refused
// at once with a specific error and the HTTP status the bridge answers with; nothing is written, no job starts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall, statusForError } from '../../../src/main/bridge/dispatch';
import type { Studio } from '../../../src/main/service';
import { REFERENCE_DIR } from '../../fixtures/paths';
import { tempDir } from '../synth-media';
import { copySample, makeStudio } from './helpers';

const tmp = tempDir('refusals');
let studio: Studio;
let projectId: string;

beforeAll(async () => {
  studio = makeStudio(tmp.dir);
  projectId = (await studio['project.openVideo']({ path: copySample(tmp.dir) })).id;
});
afterAll(async () => {
  await studio.dispose();
  tmp.remove();
});

/** Status, code and message of a call that must fail, as the bridge would answer it. */
async function refusal(method: string, input: unknown): Promise<[number, string, string]> {
  const out = await dispatchCall(studio, method, input);
  if (out.ok) throw new Error(`${method} succeeded: ${JSON.stringify(out.result)}`);
  return [statusForError(out.error), out.error.code, out.error.message];
}

/** Rows that a refused call must not add or change. */
function snapshot() {
  const db = studio.context.db;
  return {
    projects: db.prepare('SELECT id, revision, history_pos FROM projects ORDER BY id').all(),
    locks: db.prepare('SELECT project_id FROM project_locks ORDER BY project_id').all(),
    jobs: db.prepare('SELECT COUNT(*) AS n FROM jobs').get(),
    history: db.prepare('SELECT COUNT(*) AS n FROM history').get(),
  };
}

const EXPORT = {
  format: 'wav',
  includeOriginalAudio: false,
  musicGainDb: 0,
  originalGainDb: 0,
  ducking: false,
  loudnessTarget: -14,
};

describe('refusals before anything is written', () => {
  it('answers 404 not-found naming the project for every call on an unknown project id', async () => {
    const before = snapshot();
    const P = 'no-such-project';
    const calls: [string, object][] = [
      ['history.undo', {}],
      ['history.redo', {}],
      ['project.open', {}],
      ['project.rename', { name: 'x' }],
      ['project.relink', { path: tmp.dir }],
      ['project.setPlan', { windowSamples: 32000, overlapSamples: 0 }],
      ['project.previewPlan', { windowSamples: 32000, overlapSamples: 0 }],
      ['project.setParams', { params: { seed: 1 } }],
      ['project.setBundle', { bundleId: 'test-bundle' }],
      ['generate.windows', { windowIndices: null }],
      ['take.select', { windowId: 'w', takeId: 't' }],
      ['take.star', { takeId: 't', starred: true }],
      ['take.delete', { takeId: 't' }],
      ['seam.set', { seamId: 's', lengthSamples: 0, curve: 'linear' }],
      ['export.start', { options: { ...EXPORT, outputPath: join(tmp.dir, 'out.wav') } }],
    ];
    for (const [method, rest] of calls)
      expect([method, ...(await refusal(method, { projectId: P, ...rest }))]).toEqual([
        method,
        404,
        'not-found',
        `Project ${P} does not exist.`,
      ]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a model import that does not name a bundle folder before a job exists', async () => {
    const before = snapshot();
    const empty = join(tmp.dir, 'empty.mp4');
    writeFileSync(empty, '');
    const bare = join(tmp.dir, 'bare-folder');
    mkdirSync(bare);
    mkdirSync(join(tmp.dir, 'odd-bundle', 'model.json'), { recursive: true });
    const cases: [string, [number, string, string]][] = [
      ['/etc/passwd', [400, 'invalid-input', 'The model bundle folder /etc/passwd is not a folder.']],
      [
        '/proc/self/environ',
        [400, 'invalid-input', 'The model bundle folder /proc/self/environ is not a folder.'],
      ],
      [empty, [400, 'invalid-input', `The model bundle folder ${empty} is not a folder.`]],
      [
        join(tmp.dir, 'nowhere'),
        [404, 'not-found', `The model bundle folder ${join(tmp.dir, 'nowhere')} does not exist.`],
      ],
      [bare, [422, 'bad-bundle', `${bare} is not a model bundle folder (no model.json file in it).`]],
      [
        join(tmp.dir, 'odd-bundle'),
        [
          422,
          'bad-bundle',
          `${join(tmp.dir, 'odd-bundle')} is not a model bundle folder (no model.json file in it).`,
        ],
      ],
      ['a\0b', [400, 'invalid-input', 'The model bundle folder path contains a NUL character.']],
    ];
    for (const [path, expected] of cases)
      expect([path, ...(await refusal('models.import', { path }))]).toEqual([path, ...expected]);
    expect(await studio['jobs.list']()).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a conversion whose checkpoint or codec folder is wrong before a job exists', async () => {
    const codecDir = join(REFERENCE_DIR, 'codec');
    const lmPath = join(REFERENCE_DIR, 'lm', 'state_dict.bin');
    expect(await refusal('models.convert', { lmPath: tmp.dir, codecDir, fp16: false })).toEqual([
      400,
      'invalid-input',
      `The checkpoint ${tmp.dir} is a folder.`,
    ]);
    expect(await refusal('models.convert', { lmPath, codecDir: '/etc', fp16: false })).toEqual([
      422,
      'bad-bundle',
      '/etc is not a codec folder (no config.json file in it).',
    ]);
    expect((await refusal('models.convert', { lmPath: 'missing.bin', codecDir, fp16: true }))[1]).toBe(
      'not-found',
    );
    expect(await studio['jobs.list']()).toEqual([]);
  });

  it('refuses an export to a folder, into a missing folder or over its video before a job exists', async () => {
    const before = snapshot();
    const into = (outputPath: string) =>
      refusal('export.start', { projectId, options: { ...EXPORT, outputPath } });
    expect(await into(tmp.dir)).toEqual([
      400,
      'invalid-input',
      `${tmp.dir} is a folder: choose a file name to export to.`,
    ]);
    const missing = join(tmp.dir, 'missing', 'out.wav');
    expect(await into(missing)).toEqual([
      404,
      'not-found',
      `The folder ${join(tmp.dir, 'missing')} does not exist.`,
    ]);
    const video = studio.allowedFiles(projectId)[0];
    for (const path of [video, join(tmp.dir, 'missing', '..', 'film.mp4')])
      expect(await into(path)).toEqual([
        400,
        'invalid-input',
        `The export would overwrite its own source video ${video}: choose another file name.`,
      ]);
    expect(await studio['jobs.list']()).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});
