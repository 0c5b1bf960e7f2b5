// Crash safety: a real child process does real store work (generations, edits, exports through ffmpeg) and
// is killed with SIGKILL at random points, many times over one library. After every kill the library must be
// consistent: every take, command and export reported complete is there, every file under a final name is
// whole, and the cut-off jobs read as interrupted.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../src/shared/domain';
import { openDatabase } from '../../../src/main/store/database';
import { sha256 } from '../../../src/main/store/file-store';
import { markInterruptedJobs } from '../../../src/main/store/jobs-repo';
import { decodeWavFloat } from '../../../src/shared/timeline/wav';
import { tempDir } from '../synth-media';
import { expectedPcm, writeTestBundle } from './fixtures';
import { copySample, makeStudio } from './helpers';

const EDIT_KILLS = Number(process.env.CRASH_KILLS ?? 50);
const EXPORT_KILLS = Number(process.env.CRASH_EXPORT_KILLS ?? 12);
const tmp = tempDir('crash');
const worker = join(process.cwd(), 'test-artifacts', `crash-worker-${process.pid}.mjs`);
afterAll(() => {
  tmp.remove();
  rmSync(worker, { force: true });
});

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'crash-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: worker,
    external: ['better-sqlite3', 'onnxruntime-node'],
    logLevel: 'error',
    // CommonJS dependencies inside an ESM bundle need a require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
});

/** True when a WAV's RIFF size matches the file and its data chunk is complete (ffmpeg writes sizes last). */
function wavIsWhole(b: Buffer): boolean {
  if (b.toString('latin1', 0, 4) !== 'RIFF' || b.readUInt32LE(4) + 8 !== b.length) return false;
  for (let off = 12; off + 8 <= b.length; off += 8 + b.readUInt32LE(off + 4)) {
    if (b.toString('latin1', off, off + 4) === 'data')
      return b.readUInt32LE(off + 4) > 0 && off + 8 + b.readUInt32LE(off + 4) <= b.length;
  }
  return false;
}

/**
 * Runs the worker until `delayMs` after it printed `after` (its first line, "ready", by default), kills it with
 * SIGKILL, returns its lines. Waiting for a line rather than a fixed time keeps a run meaningful on a slow machine.
 */
function runAndKill(args: string[], delayMs: number, after = 'ready'): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (!armed && buf.split('\n').some((l) => l.startsWith(after))) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', () => resolve(buf.split('\n').filter((l) => l.length > 0)));
  });
}

/** What the killed workers reported, accumulated over all runs, and what has been checked already. */
interface Reported {
  takes: Set<string>;
  exports: string[];
  revision: number;
  commands: number;
  checked: Set<string>;
  /** Takes marked deleted at the last check. */
  deleted: Set<string>;
  /** Deleted takes that have been purged since. */
  purged: Set<string>;
}

function record(r: Reported, lines: string[]): void {
  for (const l of lines) {
    const [kind, value] = l.split(' ');
    if (kind === 'take') r.takes.add(value);
    if (kind === 'export') r.exports.push(value);
    if (kind === 'cmd') {
      r.revision = Math.max(r.revision, Number(value));
      r.commands++;
    }
  }
}

function checkTakes(db: ReturnType<typeof openDatabase>, lib: string, r: Reported): void {
  for (const id of r.takes) {
    const t = db
      .prepare('SELECT t.*, w.start, w.end FROM takes t JOIN windows w ON w.id = t.window_id WHERE t.id = ?')
      .get(id) as { audio_hash: string; seed: number; start: number; end: number } | undefined;
    // A take the user deleted may be purged at the next start once its delete step left the history;
    // it was then already marked deleted when the library was last checked.
    if (!t && (r.deleted.has(id) || r.purged.has(id))) {
      r.purged.add(id);
      continue;
    }
    expect(t, `take ${id} reported complete`).toBeDefined();
    if (r.checked.has(id)) continue;
    const audio = readFileSync(join(lib, 'files', t!.audio_hash.slice(0, 2), `${t!.audio_hash}.wav`));
    expect(decodeWavFloat(audio).pcm).toEqual(expectedPcm(t!.seed, t!.start, t!.end));
    r.checked.add(id);
  }
  r.deleted = new Set(
    (db.prepare('SELECT id FROM takes WHERE deleted = 1').all() as { id: string }[]).map((x) => x.id),
  );
  for (const f of readdirSync(join(lib, 'files'), { recursive: true }) as string[]) {
    const m = /([0-9a-f]{64})\.\w+$/.exec(f);
    if (!m || r.checked.has(f)) continue;
    expect(sha256(readFileSync(join(lib, 'files', f))), `file ${f} is whole`).toBe(m[1]);
    r.checked.add(f);
  }
}

function checkExports(outDir: string, r: Reported): void {
  const visible = readdirSync(outDir)
    .filter((f) => /^out-.*\.wav$/.test(f))
    .map((f) => join(outDir, f));
  for (const out of r.exports) expect(visible).toContain(out);
  for (const out of visible) {
    if (r.checked.has(out)) continue;
    expect(wavIsWhole(readFileSync(out)), `export ${out} is whole`).toBe(true);
    r.checked.add(out);
  }
}

/** Checks the library after a kill: integrity, reported work present, no partial file, no job left running. */
function verify(lib: string, outDir: string, projectId: string, r: Reported): void {
  const db = openDatabase(join(lib, 'library.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const p = db.prepare('SELECT revision, history_pos FROM projects WHERE id = ?').get(projectId) as {
      revision: number;
      history_pos: number;
    };
    expect(p.revision).toBeGreaterThanOrEqual(r.revision);
    if (p.history_pos > 0)
      expect(
        db.prepare('SELECT 1 FROM history WHERE project_id = ? AND seq = ?').get(projectId, p.history_pos),
      ).toBeTruthy();
    checkTakes(db, lib, r);
    checkExports(outDir, r);
    markInterruptedJobs(db);
    expect(db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running')").get()).toEqual({
      n: 0,
    });
  } finally {
    db.close();
  }
}

describe('kill -9 at random points', () => {
  let s: ProjectState;
  let bundleDir: string;
  const lib = join(tmp.dir, 'library');
  const r: Reported = {
    takes: new Set(),
    exports: [],
    revision: 0,
    commands: 0,
    checked: new Set(),
    deleted: new Set(),
    purged: new Set(),
  };

  beforeAll(async () => {
    bundleDir = writeTestBundle(tmp.dir);
    const studio = makeStudio(tmp.dir);
    s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 16000, overlapSamples: 4000 });
    await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    await studio.idle();
    await studio.dispose();
  });

  it(
    `loses no take or command over ${EDIT_KILLS} kills during generations and edits`,
    async () => {
      for (let i = 0; i < EDIT_KILLS; i++) {
        const lines = await runAndKill(
          [lib, s.id, bundleDir, tmp.dir, String(i + 1), 'edit'],
          (i * 37) % 200,
        );
        expect(lines[0]).toBe('ready');
        record(r, lines);
        verify(lib, tmp.dir, s.id, r);
      }
      console.log(
        `crash (edit): ${EDIT_KILLS} kills, ${r.takes.size} takes and ${r.commands} commands reported; all present ` +
          `(${r.purged.size} deleted by the user and purged after their step left the history)`,
      );
      expect(r.takes.size).toBeGreaterThan(EDIT_KILLS / 10);
      expect(r.commands).toBeGreaterThan(EDIT_KILLS);
    },
    60_000 + 2000 * EDIT_KILLS,
  );

  it(
    `leaves no partial export over ${EXPORT_KILLS} kills during exports`,
    async () => {
      for (let i = 0; i < EXPORT_KILLS; i++) {
        const lines = await runAndKill(
          [lib, s.id, bundleDir, tmp.dir, String(1000 + i), 'export'],
          300 + ((i * 173) % 1700),
          // The last run is cut off only after an export has completed, so at least one is checked whole.
          i === EXPORT_KILLS - 1 ? 'export ' : 'ready',
        );
        record(r, lines);
        verify(lib, tmp.dir, s.id, r);
      }
      console.log(
        `crash (export): ${EXPORT_KILLS} kills, ${r.exports.length} exports reported; all present and whole`,
      );
      expect(r.exports.length).toBeGreaterThan(0);
    },
    60_000 + 3000 * EXPORT_KILLS,
  );

  it('reopens with the cut-off jobs interrupted, and retrying them completes them', async () => {
    const partials = (): string[] => readdirSync(tmp.dir).filter((n) => n.endsWith('.partial'));
    const left = partials().length;
    const studio = makeStudio(tmp.dir);
    console.log(`crash (reopen): ${left} temporary export file(s) left by killed exports, swept at start`);
    expect(partials()).toEqual([]);
    const jobs = await studio['jobs.list']();
    expect(jobs.filter((j) => j.status === 'queued' || j.status === 'running')).toEqual([]);
    const cut = jobs.filter((j) => j.status === 'interrupted');
    expect(cut.length).toBeGreaterThan(0);
    await studio['project.open']({ projectId: s.id });
    // One per target: a second retry for the same window would supersede the first.
    const byTarget = [...new Map(cut.map((j) => [j.target, j])).values()].slice(0, 3);
    const retried = await Promise.all(byTarget.map((j) => studio['jobs.retry']({ jobId: j.id })));
    await studio.idle();
    const after = await studio['jobs.list']();
    for (const { jobId } of retried) expect(after.find((j) => j.id === jobId)?.status).toBe('done');
    await studio.dispose();
  });

  it('refuses a second instance while another process has the project open, and takes over once it is killed', async () => {
    const child = spawn(process.execPath, [worker, lib, s.id, bundleDir, tmp.dir, '7', 'edit'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()),
    );
    const studio = makeStudio(tmp.dir);
    const err = await Promise.resolve()
      .then(() => studio['project.open']({ projectId: s.id }))
      .then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
    expect(err?.code).toBe('locked');
    expect(err?.message).toContain(`process ${child.pid}`);
    await new Promise((resolve) => (child.on('exit', resolve), child.kill('SIGKILL')));
    expect((await studio['project.open']({ projectId: s.id })).id).toBe(s.id);
    await studio.dispose();
  });
});
