// `npm run web` as a user runs it: the built web entry prints a loopback URL with a fresh secret, serves the
// renderer and the API to holders of the secret only, and stops cleanly on SIGTERM. Needs `npm run build`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { JobInfo, ProjectState } from '../../src/shared/domain';
import { synthVideo, tempDir } from '../main/synth-media';
import { rawRequest } from '../main/bridge/helpers';
import { runtimeMapped } from './runtime-mapped';

const cli = path.resolve('dist/web/main.js');
const tmp = tempDir('bridge-cli');
let child: ChildProcess;
let printed = '';
let page: URL;
const video = synthVideo(path.join(tmp.dir, 'clip.mp4'), { seconds: 2 });

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error('dist/web/main.js is missing: run `npm run build` first');
  child = spawn(process.execPath, [cli, '--library', path.join(tmp.dir, 'library')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (/Open: \S+\n/.test(printed)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${printed}`)));
  });
  page = new URL(/Open: (\S+)/.exec(printed)![1]!);
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  tmp.remove();
});

describe('bridge CLI (npm run web)', () => {
  it('prints a 127.0.0.1 URL with a 256-bit secret', () => {
    expect(page.hostname).toBe('127.0.0.1');
    expect(page.pathname).toBe('/');
    expect(page.searchParams.get('secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it('serves the built renderer and the API only with the secret', async () => {
    const port = Number(page.port);
    const secret = page.searchParams.get('secret')!;
    expect((await rawRequest(port, '/')).status).toBe(401);
    const json = { 'content-type': 'application/json' };
    expect((await rawRequest(port, '/api/app.info', json, 'POST', '')).status).toBe(401);
    const first = await rawRequest(port, `/?secret=${secret}`);
    expect([first.status, first.headers.location]).toEqual([303, '/']);
    const html = await rawRequest(port, '/', { cookie: `vidmuse_secret=${secret}` });
    expect([html.status, html.body.toString().includes('<div id="app">')]).toEqual([200, true]);
    const info = await rawRequest(port, '/api/app.info', { ...json, 'x-vidmuse-secret': secret }, 'POST', '');
    expect(JSON.parse(info.body.toString())).toEqual({
      result: { version: '0.1.0', mode: 'web', platform: process.platform },
    });
    const models = await rawRequest(
      port,
      '/api/models.list',
      { ...json, 'x-vidmuse-secret': secret },
      'POST',
      '',
    );
    const ids = (JSON.parse(models.body.toString()) as { result: { id: string }[] }).result.map((b) => b.id);
    expect(ids).toContain('tiny-untrained');
  });
  it.runIf(process.platform === 'linux')(
    'has not loaded onnxruntime before an inference host starts, and has after',
    () => {
      expect(runtimeMapped(child.pid!)).toBe(false);
    },
  );
  it('generates a take in its bundled inference worker with the tiny bundle', async () => {
    const port = Number(page.port);
    const secret = page.searchParams.get('secret')!;
    const call = async (method: string, input: unknown) => {
      const headers = { 'content-type': 'application/json', 'x-vidmuse-secret': secret };
      const r = await rawRequest(port, `/api/${method}`, headers, 'POST', JSON.stringify(input));
      return JSON.parse(r.body.toString()) as { result: never };
    };
    const ws = new WebSocket(`ws://127.0.0.1:${port}/events`, { headers: { 'x-vidmuse-secret': secret } });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const finished = new Promise<JobInfo>((resolve) =>
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m)) as { event: string; payload: JobInfo };
        if (msg.event === 'job' && ['done', 'failed'].includes(msg.payload.status)) resolve(msg.payload);
      }),
    );
    const opened = (await call('project.openVideo', { path: video })).result as ProjectState;
    await call('generate.windows', { projectId: opened.id, windowIndices: [0] });
    const job = await finished;
    ws.close();
    expect([job.status, job.error]).toEqual(['done', null]);
    const state = (await call('project.open', { projectId: opened.id })).result as ProjectState;
    const take = state.windows[0]!.takes[0]!;
    expect(take.lengthSamples).toBe(state.windows[0]!.end - state.windows[0]!.start);
    const wav = await rawRequest(port, take.audioUrl, { 'x-vidmuse-secret': secret });
    expect([wav.status, wav.body.subarray(0, 4).toString()]).toEqual([200, 'RIFF']);
    // The host is a worker thread of the server's process: its runtime is mapped now.
    if (process.platform === 'linux') expect(runtimeMapped(child.pid!)).toBe(true);
  });
  it('stops cleanly on SIGTERM', async () => {
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
