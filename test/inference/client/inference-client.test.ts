import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { Progress } from '../../../src/shared/progress';
import { InferenceClient } from '../../../src/inference/client/inference-client';
import { startWorkerHost } from '../../../src/inference/client/start-worker';
import type { TestJobs } from '../host/test-jobs';

const entry = new URL('../host/test-worker.ts', import.meta.url);
let client: InferenceClient<TestJobs> | null = null;
let starts = 0;
const make = (maxHeapMb?: number): InferenceClient<TestJobs> =>
  (client = new InferenceClient<TestJobs>(() => (starts++, startWorkerHost(entry, { maxHeapMb }))));

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

afterEach(async () => {
  await client?.dispose();
  client = null;
  starts = 0;
});

describe('InferenceClient with a worker host', () => {
  it('runs a job off the main thread', async () => {
    expect(await make().run('echo', { text: 'hi' })).toEqual({ text: 'hi', inWorker: true });
  });

  it('forwards progress with step, total and ETA', async () => {
    const seen: Progress[] = [];
    const out = await make().run('count', { steps: 3, stepMs: 150 }, { onProgress: (p) => seen.push(p) });
    expect(out).toEqual({ counted: 3 });
    expect(seen.map((p) => [p.stage, p.done, p.total])).toEqual([
      ['decode', 1, 3],
      ['decode', 2, 3],
      ['decode', 3, 3],
    ]);
    expect(seen[2]!.etaSeconds).toBe(0);
  });

  it('cancels a running job and keeps serving', async () => {
    const c = make();
    const ac = new AbortController();
    const e = await errorOf(
      c.run('count', { steps: 1000, stepMs: 20 }, { signal: ac.signal, onProgress: () => ac.abort() }),
    );
    expect(e.code).toBe('cancelled');
    expect(await c.run('echo', { text: 'after' })).toEqual({ text: 'after', inWorker: true });
    expect(starts).toBe(1);
  });

  it('passes typed errors through and names plain errors as internal', async () => {
    const c = make();
    const e = await errorOf(c.run('fail', { code: 'bad-bundle' }));
    expect([e.code, e.message]).toEqual(['bad-bundle', 'failed on purpose with bad-bundle']);
    const p = await errorOf(c.run('throwPlain', {}));
    expect([p.code, p.message]).toEqual(['internal', 'plain failure']);
  });

  it('rejects an unknown job kind', async () => {
    const e = await errorOf(
      (make() as unknown as InferenceClient<Record<string, { input: unknown; output: unknown }>>).run(
        'nope',
        {},
      ),
    );
    expect([e.code, e.message]).toEqual(['invalid-input', 'Unknown inference job "nope"']);
  });

  it('turns a host that exits into inference-crashed and starts a fresh host for the next job', async () => {
    const c = make();
    const e = await errorOf(c.run('exit', { code: 3 }));
    expect([e.code, e.message]).toEqual([
      'inference-crashed',
      'The inference host stopped unexpectedly (exit code 3)',
    ]);
    expect(await c.run('echo', { text: 'again' })).toEqual({ text: 'again', inWorker: true });
    expect(starts).toBe(2);
  });

  it('fails every job of a crashed host, not just the one that crashed it', async () => {
    const c = make();
    const slow = c.run('count', { steps: 1000, stepMs: 20 });
    const e = await errorOf(c.run('exit', { code: 9 }));
    expect(e.code).toBe('inference-crashed');
    expect((await errorOf(slow)).code).toBe('inference-crashed');
  });

  it('shuts down gracefully: pending jobs fail as cancelled and the host exits by itself', async () => {
    const c = make();
    expect(await c.run('echo', { text: 'up' })).toEqual({ text: 'up', inWorker: true });
    const slow = errorOf(c.run('count', { steps: 1000, stepMs: 20 }));
    await c.dispose(60_000);
    expect((await slow).code).toBe('cancelled');
    expect((await errorOf(c.run('echo', { text: 'late' }))).message).toBe('The inference host was shut down');
  });

  it('fails a job whose native allocation failed as out-of-memory and gives the next job a fresh host', async () => {
    const c = make();
    const slow = c.run('count', { steps: 5, stepMs: 40 });
    const e = await errorOf(c.run('deviceOom', {}));
    expect(e.code).toBe('out-of-memory');
    expect(e.message).toContain('Failed to allocate memory');
    expect(await c.run('echo', { text: 'fresh' })).toEqual({ text: 'fresh', inWorker: true });
    expect(starts).toBe(2);
    // The job already running on the old host still finishes there: nothing made is lost.
    expect(await slow).toEqual({ counted: 5 });
  });

  it('turns a host over its memory limit into out-of-memory', async () => {
    const c = make(64);
    const e = await errorOf(c.run('hog', {}));
    expect(e.code).toBe('out-of-memory');
    expect(await c.run('echo', { text: 'alive' })).toEqual({ text: 'alive', inWorker: true });
  });
});
