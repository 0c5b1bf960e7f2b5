// The jobs store: when each job started, project names for the rows, "Clear finished", and one overall
// progress over the jobs of "Generate all".
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/shared/api';
import type { JobInfo } from '../../../src/shared/domain';
import { JobsStore } from '../../../src/renderer/state/jobs.svelte';
import { Notices } from '../../../src/renderer/state/notices.svelte';

const job = (id: string, status: JobInfo['status'], done = 0, extra: Partial<JobInfo> = {}): JobInfo => ({
  id,
  kind: 'generate',
  target: `project:p/window:${id}`,
  projectId: 'p',
  label: `Generate window ${id} of 2`,
  status,
  progress: status === 'queued' ? null : { stage: 'decode', done, total: 10, etaSeconds: null },
  error: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  finishedAt: null,
  result: null,
  ...extra,
});

/** Main's side of the bridge as the store sees it: a job list, the recent projects and the job event. */
function setup(jobs: JobInfo[]) {
  let emit: (j: JobInfo) => void = () => undefined;
  const api = {
    call: (method: string) =>
      Promise.resolve(
        method === 'jobs.list'
          ? jobs
          : [{ id: 'p', name: 'my-video', videoPath: 'v.mp4', durationSeconds: 5, updatedAt: '' }],
      ),
    on: (_e: string, listener: (j: JobInfo) => void) => {
      emit = listener;
      return () => undefined;
    },
  } as unknown as ApiClient;
  let now = Date.parse('2026-01-01T10:00:05.000Z');
  const store = new JobsStore(api, new Notices(), () => now);
  store.start(() => undefined);
  return { store, emit: (j: JobInfo) => emit(j), setNow: (ms: number) => (now = ms) };
}

const flush = () => new Promise((r) => setTimeout(r, 150));

describe('jobs store', () => {
  it('dates a running job from its creation when listed, and from its first running event otherwise', async () => {
    const { store, emit, setNow } = setup([job('1', 'running', 5)]);
    await flush();
    expect(store.startedAt['1']).toBe(Date.parse('2026-01-01T10:00:00.000Z'));
    expect(store.names).toEqual({ p: 'my-video' });
    setNow(Date.parse('2026-01-01T10:00:07.000Z'));
    emit(job('2', 'running', 1));
    await flush();
    expect(store.startedAt['2']).toBe(Date.parse('2026-01-01T10:00:07.000Z'));
    expect(store.elapsed(store.byId['2'], Date.parse('2026-01-01T10:00:09.500Z'))).toBe(2500);
    emit(job('2', 'done', 10, { finishedAt: '2026-01-01T10:00:08.000Z' }));
    await flush();
    expect(store.elapsed(store.byId['2'], Date.parse('2026-01-01T10:01:00.000Z'))).toBe(1000);
  });

  it('clears finished jobs and keeps the live ones', async () => {
    const { store } = setup([job('1', 'running', 5), job('2', 'done', 10), job('3', 'failed', 2)]);
    await flush();
    expect(store.list.map((j) => j.id)).toEqual(['1', '3', '2']);
    store.clearFinished();
    expect(store.list.map((j) => j.id)).toEqual(['1']);
    expect([store.hasFinished, store.hasCleared]).toEqual([false, true]);
  });

  it('follows a batch as one progress with the time left, until every job has finished', async () => {
    const { store, emit, setNow } = setup([]);
    await flush();
    setNow(Date.parse('2026-01-01T10:00:00.000Z'));
    store.trackBatch(['a', 'b']);
    emit(job('a', 'done', 10));
    emit(job('b', 'running', 0));
    await flush();
    // One of two done after 10 s: half the work, about 10 s left.
    expect(store.batchProgress(Date.parse('2026-01-01T10:00:10.000Z'))).toEqual({
      finished: 1,
      total: 2,
      fraction: 0.5,
      etaSeconds: 10,
    });
    emit(job('b', 'done', 10));
    await flush();
    expect(store.batchProgress(Date.parse('2026-01-01T10:00:20.000Z'))).toBeNull();
  });

  it('shows a continue job on the window it is working on, and on no other', async () => {
    const { store, emit } = setup([job('1', 'running', 5)]);
    await flush();
    const progress = { stage: 'decode' as const, done: 3, total: 10, etaSeconds: null, window: 2 };
    emit(job('c', 'running', 0, { kind: 'continue', target: 'project:p/continue:1', progress }));
    emit(
      job('o', 'running', 0, { kind: 'continue', target: 'project:q/continue:1', projectId: 'q', progress }),
    );
    await flush();
    expect(store.forWindow('p', 1)?.id).toBe('1');
    expect(store.forWindow('p', 2)?.id).toBe('c');
    expect(store.forWindow('p', 3)).toBeNull();
    emit(job('c', 'done', 10, { kind: 'continue', target: 'project:p/continue:1', progress }));
    await flush();
    expect(store.forWindow('p', 2)).toBeNull();
  });
});
