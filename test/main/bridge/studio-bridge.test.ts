// The real studio behind the bridge, as `npm run web` and the browser tests run it: calls, events and
// media go through HTTP and WebSocket with the secret, and media URLs serve only the open project's files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { StudioBridge } from '../../../src/main/bridge/studio-bridge';
import { startStudioBridge } from '../../../src/main/bridge/studio-bridge';
import type { JobInfo, ProjectState } from '../../../src/shared/domain';
import { testGenerator, writeTestBundle } from '../service/fixtures';
import { synthVideo, tempDir } from '../synth-media';
import { rawRequest } from './helpers';

const tmp = tempDir('studio-bridge');
const video = synthVideo(path.join(tmp.dir, 'clip.mp4'), { seconds: 2 });
let running: StudioBridge;

beforeAll(async () => {
  running = await startStudioBridge({
    libraryDir: path.join(tmp.dir, 'library', 'nested'),
    bundleDirs: [writeTestBundle(tmp.dir)],
    staticDir: null,
    generator: testGenerator(),
  });
});
afterAll(async () => {
  await running.close();
  tmp.remove();
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const body = input === undefined ? '' : JSON.stringify(input);
  const headers = { 'content-type': 'application/json', 'x-vidmuse-secret': running.secret };
  const r = await rawRequest(running.port, `/api/${method}`, headers, 'POST', body);
  const parsed = JSON.parse(r.body.toString()) as { result: T; error?: unknown };
  if (r.status !== 200) throw new Error(`${method}: ${r.status} ${JSON.stringify(parsed.error)}`);
  return parsed.result;
}

describe('studio over the bridge', () => {
  it('answers app.info in web mode and creates the library folder', async () => {
    expect(await call('app.info')).toEqual({ version: '0.1.0', mode: 'web', platform: process.platform });
    expect(await call('project.recent')).toEqual([]);
  });
  it("serves the open project's video by token with byte ranges", async () => {
    const state = await call<ProjectState>('project.openVideo', { path: video });
    expect(state.media.url).toMatch(/^\/media\/[0-9a-f]{32}$/);
    const bytes = readFileSync(video);
    const auth = { 'x-vidmuse-secret': running.secret };
    const part = await rawRequest(running.port, state.media.url, { ...auth, range: 'bytes=0-99' });
    expect([part.status, part.headers['content-type'], part.headers['content-range']]).toEqual([
      206,
      'video/mp4',
      `bytes 0-99/${bytes.length}`,
    ]);
    expect(part.body.equals(bytes.subarray(0, 100))).toBe(true);
    expect((await rawRequest(running.port, state.media.url)).status).toBe(401);
  });
  it('pushes job events over the socket and serves the generated takes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${running.port}/events`, {
      headers: { cookie: `vidmuse_secret=${running.secret}` },
    });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const statuses: string[] = [];
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m)) as { event: string; payload: JobInfo };
      if (msg.event === 'job') statuses.push(msg.payload.status);
    });
    const done = new Promise<void>((resolve) =>
      ws.on('message', () => statuses.includes('done') && resolve()),
    );
    const [project] = await call<{ id: string }[]>('project.recent');
    const { jobIds } = await call<{ jobIds: string[] }>('generate.windows', {
      projectId: project!.id,
      windowIndices: [0],
    });
    expect(jobIds).toHaveLength(1);
    await running.studio.idle();
    const state = await call<ProjectState>('project.open', { projectId: project!.id });
    const take = state.windows[0]!.takes[0]!;
    const wav = await rawRequest(running.port, take.audioUrl, { 'x-vidmuse-secret': running.secret });
    expect([wav.status, wav.headers['content-type'], wav.body.subarray(0, 4).toString()]).toEqual([
      200,
      'audio/wav',
      'RIFF',
    ]);
    await done;
    expect(statuses[0]).toBe('queued');
    expect(statuses.at(-1)).toBe('done');
    ws.close();
  });
});
