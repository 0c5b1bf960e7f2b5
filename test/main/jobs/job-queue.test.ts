import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { ProgressSink } from '../../../src/shared/progress';
import { openDatabase, type Db } from '../../../src/main/store/database';
import { JobQueue } from '../../../src/main/jobs/job-queue';
import { insertJob, listJobs, markInterruptedJobs } from '../../../src/main/store/jobs-repo';
import { tempDir } from '../synth-media';

const tmp = tempDir('jobs');
afterAll(() => tmp.remove());
let n = 0;
let db: Db;
let events: JobInfo[];
/** The kinds these tests run and their inputs. */
type TestJobs = { generate: { name: string }; export: { name: string }; convert: { path: string } };
let queue: JobQueue<TestJobs>;

/** A latch the test opens to let a job finish, so order is controlled without timers. */
function latch() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

/** A job body that reports progress, waits for its latch or its abort, and logs who runs when. */
function blocking(log: string[], latches: Map<string, ReturnType<typeof latch>>) {
  return async (
    input: { name: string },
    { signal, onProgress }: { signal: AbortSignal; onProgress: ProgressSink },
  ) => {
    log.push(`start ${input.name}`);
    onProgress({ stage: 'decode', done: 1, total: 2, etaSeconds: null });
    const l = latch();
    latches.set(input.name, l);
    await new Promise<void>((resolve, reject) => {
      l.p.then(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    log.push(`end ${input.name}`);
    return `result ${input.name}`;
  };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setImmediate(r));
};

describe('JobQueue', () => {
  let log: string[];
  let latches: Map<string, ReturnType<typeof latch>>;
  beforeEach(() => {
    db = openDatabase(join(tmp.dir, `j${n++}.db`));
    events = [];
    log = [];
    latches = new Map();
    queue = new JobQueue<TestJobs>(db, (j) => events.push(j));
    queue.register('generate', { heavy: true, run: blocking(log, latches) });
    queue.register('export', { heavy: false, run: blocking(log, latches) });
  });

  it('runs GPU-heavy jobs one at a time while an export runs alongside', async () => {
    const a = queue.submit('generate', { name: 'a' }, { target: 'w0', projectId: null, label: 'A' });
    const b = queue.submit('generate', { name: 'b' }, { target: 'w1', projectId: null, label: 'B' });
    const e = queue.submit('export', { name: 'e' }, { target: 'x', projectId: null, label: 'E' });
    await until(() => latches.has('a') && latches.has('e'));
    expect(log).toEqual(['start a', 'start e']);
    expect(queue.list().find((j) => j.id === b.id)!.status).toBe('queued');
    latches.get('a')!.open();
    await until(() => latches.has('b'));
    expect(log).toEqual(['start a', 'start e', 'end a', 'start b']);
    latches.get('b')!.open();
    latches.get('e')!.open();
    await queue.idle();
    for (const j of [a, b, e]) expect((await queue.wait(j.id)).status).toBe('done');
    expect((await queue.wait(a.id)).result).toBe('result a');
    const statuses = events.filter((x) => x.id === a.id).map((x) => x.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses.at(-1)).toBe('done');
    expect(events.some((x) => x.id === a.id && x.progress?.stage === 'decode')).toBe(true);
  });

  it('cancels a running job and a queued one', async () => {
    const a = queue.submit('generate', { name: 'a' }, { target: 'w0', projectId: null, label: 'A' });
    const b = queue.submit('generate', { name: 'b' }, { target: 'w1', projectId: null, label: 'B' });
    await until(() => latches.has('a'));
    queue.cancel(b.id);
    queue.cancel(a.id);
    await queue.idle();
    expect((await queue.wait(a.id)).status).toBe('cancelled');
    expect((await queue.wait(b.id)).status).toBe('cancelled');
    expect(log).toEqual(['start a']);
    expect(() => queue.cancel('missing')).toThrow(AppError);
  });

  it('supersedes an unfinished job for the same target', async () => {
    const a = queue.submit('generate', { name: 'a' }, { target: 'w0', projectId: null, label: 'A' });
    await until(() => latches.has('a'));
    const a2 = queue.submit('generate', { name: 'a2' }, { target: 'w0', projectId: null, label: 'A again' });
    await until(() => latches.has('a2'));
    latches.get('a2')!.open();
    await queue.idle();
    const first = await queue.wait(a.id);
    expect(first.status).toBe('cancelled');
    expect(first.error?.message).toMatch(/Superseded/);
    expect((await queue.wait(a2.id)).status).toBe('done');
  });

  it('records a thrown error as failed and retries it from its stored input', async () => {
    queue.register('convert', {
      heavy: false,
      run: async () => {
        throw new AppError('bad-bundle', 'model.json is missing');
      },
    });
    const c = queue.submit('convert', { path: '/x' }, { target: 'c', projectId: null, label: 'Convert' });
    await queue.idle();
    expect((await queue.wait(c.id)).error).toEqual({ code: 'bad-bundle', message: 'model.json is missing' });
    expect(() => queue.retry(c.id + 'x')).toThrow(/does not exist/);
    const again = queue.retry(c.id);
    await queue.idle();
    expect(again.id).not.toBe(c.id);
    expect((await queue.wait(again.id)).status).toBe('failed');
  });

  it('aborts everything on quit, marking the jobs interrupted, and refuses new ones', async () => {
    const a = queue.submit('generate', { name: 'a' }, { target: 'w0', projectId: null, label: 'A' });
    const b = queue.submit('generate', { name: 'b' }, { target: 'w1', projectId: null, label: 'B' });
    await until(() => latches.has('a'));
    await queue.dispose();
    expect((await queue.wait(a.id)).status).toBe('interrupted');
    expect((await queue.wait(b.id)).status).toBe('interrupted');
    expect(() =>
      queue.submit('generate', { name: 'c' }, { target: 'w2', projectId: null, label: 'C' }),
    ).toThrow(/quitting/);
  });

  it('shows jobs of a dead process (or one whose pid was reused) as interrupted on reopen, and they can be retried', async () => {
    insertJob(db, {
      id: 'old',
      kind: 'generate',
      target: 'w0',
      project_id: null,
      label: 'Old',
      input_json: '{"name":"old"}',
    });
    db.prepare("UPDATE jobs SET status = 'running', owner_pid = 999999999 WHERE id = 'old'").run();
    insertJob(db, {
      id: 'reused',
      kind: 'generate',
      target: 'w8',
      project_id: null,
      label: 'Reused pid',
      input_json: '{"name":"r"}',
    });
    db.prepare(
      "UPDATE jobs SET status = 'running', owner_started = 'an-earlier-process' WHERE id = 'reused'",
    ).run();
    insertJob(db, {
      id: 'mine',
      kind: 'generate',
      target: 'w9',
      project_id: null,
      label: 'Mine',
      input_json: '{"name":"mine"}',
    });
    expect(markInterruptedJobs(db).sort()).toEqual(['old', 'reused']);
    expect(listJobs(db).map((j) => [j.id, j.status])).toEqual([
      ['mine', 'queued'],
      ['reused', 'interrupted'],
      ['old', 'interrupted'],
    ]);
    const r = queue.retry('old');
    await until(() => latches.has('old'));
    latches.get('old')!.open();
    await queue.idle();
    expect((await queue.wait(r.id)).status).toBe('done');
  });
});
