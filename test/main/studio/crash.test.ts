// Crash safety: a real child process does real store work (generations, edits, exports) and is killed with
// SIGKILL at random points, many times over one library. After every kill the library must be consistent:
// every take and command reported complete is there, every file under a final name is whole, and reopening
// shows the cut-off jobs as interrupted.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { sha256 } from '../../../src/main/store/file-store';
import { markInterruptedJobs } from '../../../src/main/store/jobs-repo';
import { decodeWavFloat } from '../../../src/main/studio/wav';
import { tempDir } from '../synth-media';
import { expectedPcm, writeTestBundle } from './fixtures';
import { copySample, makeStudio } from './helpers';

const KILLS = Number(process.env.CRASH_KILLS ?? 80);
const tmp = tempDir('crash');
const worker = join(process.cwd(), 'test-artifacts', `crash-worker-${process.pid}.mjs`);
afterAll(() => {
  tmp.remove();
  rmSync(worker, { force: true });
});

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'crash-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: worker,
    external: ['better-sqlite3'], logLevel: 'error',
  });
});

/** Runs the worker until a random moment after it is ready, kills it with SIGKILL, returns its lines. */
function runAndKill(args: string[], delayMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      const first = !buf.includes('ready');
      buf += d.toString();
      if (first && buf.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', () => resolve(buf.split('\n').filter((l) => l.length > 0)));
  });
}

describe('kill -9 at random points', () => {
  it(`loses nothing reported complete over ${KILLS} kills`, async () => {
    const bundleDir = writeTestBundle(tmp.dir);
    const studio = makeStudio(tmp.dir);
    let s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 16000, overlapSamples: 4000 });
    await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    await studio.idle();
    await studio.dispose();
    const lib = join(tmp.dir, 'library');
    const takes = new Set<string>();
    const exports: string[] = [];
    const verified = new Set<string>();
    let revision = 0;
    let commands = 0;
    for (let i = 0; i < KILLS; i++) {
      const lines = await runAndKill([lib, s.id, bundleDir, tmp.dir, String(i + 1)], (i * 37) % 200);
      expect(lines[0]).toBe('ready');
      for (const l of lines) {
        const [kind, value] = l.split(' ');
        if (kind === 'take') takes.add(value);
        if (kind === 'export') exports.push(value);
        if (kind === 'cmd') {
          revision = Math.max(revision, Number(value));
          commands++;
        }
      }
      const db = openDatabase(join(lib, 'library.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const p = db.prepare('SELECT revision, history_pos FROM projects WHERE id = ?').get(s.id) as { revision: number; history_pos: number };
      expect(p.revision).toBeGreaterThanOrEqual(revision);
      if (p.history_pos > 0) expect(db.prepare('SELECT 1 FROM history WHERE project_id = ? AND seq = ?').get(s.id, p.history_pos)).toBeTruthy();
      for (const id of takes) {
        const t = db.prepare('SELECT t.*, w.start, w.end FROM takes t JOIN windows w ON w.id = t.window_id WHERE t.id = ?').get(id) as
          | { audio_hash: string; seed: number; start: number; end: number }
          | undefined;
        expect(t, `take ${id} reported complete`).toBeDefined();
        if (verified.has(id)) continue;
        const audio = readFileSync(join(lib, 'files', t!.audio_hash.slice(0, 2), `${t!.audio_hash}.wav`));
        expect(decodeWavFloat(audio).pcm).toEqual(expectedPcm(t!.seed, t!.start, t!.end));
        verified.add(id);
      }
      for (const f of readdirSync(join(lib, 'files'), { recursive: true }) as string[]) {
        const m = /([0-9a-f]{64})\.\w+$/.exec(f);
        if (!m || verified.has(f)) continue;
        expect(sha256(readFileSync(join(lib, 'files', f))), `file ${f} is whole`).toBe(m[1]);
        verified.add(f);
      }
      for (const out of exports) {
        if (verified.has(out)) continue;
        expect(decodeWavFloat(readFileSync(out)).pcm.length).toBe(s.totalSamples);
        verified.add(out);
      }
      markInterruptedJobs(db);
      expect(db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running')").get()).toEqual({ n: 0 });
      db.close();
    }
    console.log(`crash test: ${KILLS} kills, ${takes.size} takes, ${commands} commands, ${exports.length} exports reported; all present`);
    expect(takes.size).toBeGreaterThan(KILLS / 10);
    expect(exports.length).toBeGreaterThan(0);
    expect(commands).toBeGreaterThan(KILLS);
  });
});
