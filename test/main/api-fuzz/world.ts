// The fuzzed studio: a real studio behind the loopback bridge with two projects (takes, seams, finished and
// cancelled jobs), odd files beside them, the pools of values a client could send, and a snapshot of
// everything a refused call must leave as it was (database rows, files, jobs).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { StudioBridge } from '../../../src/main/bridge/studio-bridge';
import { startStudioBridge } from '../../../src/main/bridge/studio-bridge';
import { listBundles } from '../../../src/main/service/bundles';
import type { ProjectState } from '../../../src/shared/domain';
import { REFERENCE_DIR } from '../../fixtures/paths';
import { testGenerator, writeTestBundle } from '../service/fixtures';
import { copySample } from '../service/helpers';
import { tempDir } from '../synth-media';
import type { Pools } from './payloads';

/** Id fields and the word their not-found message starts with. */
export const ID_KINDS: Readonly<Record<string, RegExp>> = {
  projectId: /^Project /,
  windowId: /^Window /,
  takeId: /^Take /,
  seamId: /^Seam /,
  jobId: /^Job /,
  bundleId: /^Model bundle /,
};

/** Ids that name nothing: made-up, injected, traversing, empty-looking, at the length limit. */
export const UNKNOWN_IDS: readonly string[] = [
  'nope',
  '00000000-0000-0000-0000-000000000000',
  '__proto__',
  'constructor',
  "1' OR '1'='1",
  '../../etc/passwd',
  'x'.repeat(200),
  '\0',
  '%00',
  '🎵',
  ' ',
  'null',
];

/** Per id field, the query of the project that owns an id (for projects and jobs, the id itself). */
const OWNER_SQL: Readonly<Record<string, string>> = {
  projectId: 'SELECT id AS owner FROM projects WHERE id = ?',
  jobId: 'SELECT id AS owner FROM jobs WHERE id = ?',
  windowId: 'SELECT p.project_id AS owner FROM windows w JOIN plans p ON p.id = w.plan_id WHERE w.id = ?',
  takeId:
    'SELECT p.project_id AS owner FROM takes t JOIN windows w ON w.id = t.window_id JOIN plans p ON p.id = w.plan_id WHERE t.id = ?',
  seamId: 'SELECT p.project_id AS owner FROM seams x JOIN plans p ON p.id = x.plan_id WHERE x.id = ?',
};
/** Id fields of a project's parts: another project's part is unknown in this one. */
const PARTS = ['windowId', 'takeId', 'seamId'];

/** A running fuzz target. */
export interface World {
  dir: string;
  bridge: StudioBridge;
  /** True when `value` in id field `field` names nothing (in project `projectId` for its parts). */
  isUnknown: (field: string, value: unknown, projectId: unknown) => boolean;
  projectIds: { a: string; b: string };
  pools: Pools;
  close(): Promise<void>;
}

function oddFiles(dir: string) {
  const f = (name: string) => join(dir, name);
  writeFileSync(f('empty.mp4'), '');
  writeFileSync(f('notes.mp4'), 'not a video\n');
  mkdirSync(f('a-folder'));
  mkdirSync(f('fake-bundle/model.json'), { recursive: true });
  mkdirSync(f('junk-bundle'));
  writeFileSync(f('junk-bundle/model.json'), '{');
  mkdirSync(f('out'));
  writeFileSync(f('out/existing.wav'), 'old');
  execFileSync('mkfifo', [f('pipe')]);
  symlinkSync(f('loop'), f('loop'));
  symlinkSync(f('gone'), f('dangling'));
  const odd = [
    ...['empty.mp4', 'notes.mp4', 'a-folder', 'fake-bundle', 'junk-bundle', 'pipe', 'loop', 'dangling'].map(
      f,
    ),
    f('missing/video.mp4'),
    f('é ü 漢字.mp4'),
    `${dir}/a-folder/../../../../../../../etc/passwd`,
    '../../../../../../etc/passwd',
    '/etc/passwd',
    '/etc/shadow',
    '/proc/self/environ',
    '/proc/self/mem',
    '/dev/zero',
    '/dev/null',
    '/',
    '.',
    '~',
    'C:\\Windows\\win.ini',
    'file:///etc/passwd',
    `${dir}/a\0b.mp4`,
    'x'.repeat(4096),
    `/${'a/'.repeat(2047)}`,
  ];
  // Export destinations stay inside the world: a successful export really writes its file.
  const outputs = [
    f('out/mix.wav'),
    f('out/mix.mp4'),
    f('out/existing.wav'),
    f('out/../out/up.flac'),
    f('out'),
    f('missing/mix.wav'),
    f('pipe'),
    f('a\0b.wav'),
    '/proc/self/environ',
    `${f('out')}/${'y'.repeat(300)}.wav`,
  ];
  return { odd, outputs };
}

const ids = (s: ProjectState) => ({
  windows: s.windows.map((w) => w.id),
  takes: s.windows.flatMap((w) => w.takes.map((t) => t.id)),
  seams: s.seams.map((x) => x.id),
});

/** Builds the world: studio, projects A (three windows, two seams) and B (one window), takes, jobs. */
export async function buildWorld(): Promise<World> {
  const tmp = tempDir('api-fuzz');
  const dir = tmp.dir;
  const film = copySample(dir, 'film.mp4');
  const other = copySample(dir, 'other.mp4');
  const bundles = writeTestBundle(dir);
  const bridge = await startStudioBridge({
    libraryDir: join(dir, 'library'),
    bundleDirs: [bundles],
    staticDir: null,
    generator: testGenerator(),
  });
  const s = bridge.studio;
  const a = (await s['project.openVideo']({ path: film })).id;
  await s['project.setPlan']({ projectId: a, windowSamples: 64000, overlapSamples: 16000 });
  const b = (await s['project.openVideo']({ path: other })).id;
  const cancelled = (await s['generate.windows']({ projectId: b, windowIndices: [0] })).jobIds[0];
  await s['jobs.cancel']({ jobId: cancelled });
  const done = (await s['generate.windows']({ projectId: a, windowIndices: null })).jobIds;
  await s['generate.windows']({ projectId: b, windowIndices: null });
  await s.idle();
  const ia = ids(await s['project.open']({ projectId: a }));
  const ib = ids(await s['project.open']({ projectId: b }));
  const { odd, outputs } = oddFiles(dir);
  outputs.push(film, `${dir}/out/../film.mp4`);
  const pick = (...xs: unknown[]) => fc.constantFrom(...xs);
  const files = pick(...odd, film, other, dir, resolve('resources/models/tiny-untrained'));
  const pools: Pools = {
    projectId: fc.oneof({ weight: 3, arbitrary: pick(a, b) }, pick(...UNKNOWN_IDS)),
    windowId: pick(...ia.windows, ...ib.windows, ia.takes[0], ...UNKNOWN_IDS),
    takeId: pick(...ia.takes, ...ib.takes, ia.windows[0], ...UNKNOWN_IDS),
    seamId: pick(...ia.seams, ia.windows[0], ...UNKNOWN_IDS),
    jobId: pick(cancelled, ...done, ...UNKNOWN_IDS),
    bundleId: pick('test-bundle', 'tiny-untrained', ...UNKNOWN_IDS),
    path: files,
    defaultPath: files,
    lmPath: pick(...odd, join(REFERENCE_DIR, 'lm', 'state_dict.bin')),
    codecDir: pick(...odd, join(REFERENCE_DIR, 'codec')),
    outputPath: pick(...outputs),
    windowSamples: pick(1, 639, 640, 16000, 64000, 163_200, 2 ** 31),
    overlapSamples: pick(0, 1, 16000, 63999, 64000),
    lengthSamples: pick(0, 1, 16000, 16001),
  };
  return {
    dir,
    bridge,
    projectIds: { a, b },
    pools,
    isUnknown: (field, value, projectId) => {
      if (typeof value !== 'string') return false;
      if (field === 'bundleId') return !listBundles([bundles]).some((x) => x.id === value);
      const sql = OWNER_SQL[field];
      const row = sql ? (s.context.db.prepare(sql).get(value) as { owner: string } | undefined) : undefined;
      return !row || (PARTS.includes(field) && row.owner !== projectId);
    },
    close: async () => {
      await bridge.close();
      tmp.remove();
    },
  };
}

function listFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (/library\.db(-wal|-shm)?$/.test(p)) continue;
    const st = lstatSync(p);
    out.push(`${p} ${st.isDirectory() ? 'dir' : `${st.size} ${st.mtimeMs}`}`);
    if (st.isDirectory()) listFiles(p, out);
  }
  return out;
}

/** Everything a refused call must not change: every table but the session's locks, and every file. */
export function snapshot(world: World): string {
  const db = world.bridge.studio.context.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const rows = tables
    .filter((t) => t.name !== 'project_locks')
    .map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]);
  return JSON.stringify({ rows, files: listFiles(world.dir, []) });
}

/** Who holds which project: a read must neither take nor release a lock. */
export function locks(world: World): string {
  const db = world.bridge.studio.context.db;
  return JSON.stringify(db.prepare('SELECT project_id, token FROM project_locks ORDER BY project_id').all());
}
