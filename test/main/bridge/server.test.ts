import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createMediaRegistry } from '../../../src/main/bridge/media-registry';
import type { Bridge } from '../../../src/main/bridge/server';
import { startBridge } from '../../../src/main/bridge/server';
import { AppError } from '../../../src/shared/errors';
import type { JobInfo } from '../../../src/shared/domain';
import { eventSource, handlersWith, rawRequest } from './helpers';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vidmuse-bridge-'));
const staticDir = path.join(dir, 'renderer');
const projectFile = path.join(dir, 'take.wav');
const otherFile = path.join(dir, 'private.txt');
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const allowed = new Set([projectFile]);
const media = createMediaRegistry({ allows: (f) => allowed.has(f) });
const events = eventSource();
const handlers = handlersWith({
  'app.info': () => ({ version: '0.1.0', mode: 'web', platform: 'linux' }),
  'jobs.cancel': ({ jobId }) => {
    throw new AppError('not-found', `No job ${jobId}`);
  },
  'project.rename': ({ name }) => {
    throw new AppError('busy', `busy with ${name}`);
  },
});
let bridge: Bridge;
let auth: Record<string, string>;

beforeAll(async () => {
  rmSync(staticDir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(staticDir, { recursive: true }));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>VidMuse</title>');
  writeFileSync(path.join(dir, 'outside.html'), 'outside');
  writeFileSync(projectFile, bytes);
  writeFileSync(otherFile, 'not for the page');
  bridge = await startBridge({ handlers, events, staticDir, media, secret: 's'.repeat(20) + 'x'.repeat(12) });
  auth = { 'x-vidmuse-secret': bridge.secret };
});
afterAll(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (method: string, body: string, headers: Record<string, string> = auth) =>
  rawRequest(bridge.port, `/api/${method}`, { 'content-type': 'application/json', ...headers }, 'POST', body);
const json = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

describe('bridge secret', () => {
  it('listens on 127.0.0.1 only and makes a fresh secret by default', async () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    const other = await startBridge({ handlers, events, staticDir: null, media });
    expect(other.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(other.secret).not.toBe(bridge.secret);
    await other.close();
  });
  it('cannot be reached on any other interface', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return;
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const socket = net.connect(bridge.port, external.address);
      socket.on('connect', () => {
        socket.destroy();
        resolve(null);
      });
      socket.on('error', resolve);
    });
    expect(error?.code).toBe('ECONNREFUSED');
  });
  it('refuses every kind of request without the secret', async () => {
    for (const p of ['/', '/index.html', '/events', `/media/${'0'.repeat(32)}`])
      expect((await rawRequest(bridge.port, p)).status).toBe(401);
    const api = await post('app.info', '', {});
    expect(api.status).toBe(401);
    expect(json(api.body)).toEqual({
      error: { code: 'invalid-input', message: 'Missing or wrong bridge secret' },
    });
  });
  it('refuses a wrong secret in the header, the cookie and the page URL', async () => {
    expect((await post('app.info', '', { 'x-vidmuse-secret': 'nope' })).status).toBe(401);
    expect((await post('app.info', '', { cookie: 'vidmuse_secret=nope' })).status).toBe(401);
    expect((await rawRequest(bridge.port, '/?secret=nope')).status).toBe(401);
    expect((await rawRequest(bridge.port, '/', { cookie: `vidmuse_secret=${bridge.secret}x` })).status).toBe(
      401,
    );
  });
  it('trades the secret in the page URL for an HttpOnly, SameSite=Strict cookie', async () => {
    const first = await rawRequest(
      bridge.port,
      new URL(bridge.pageUrl).pathname + new URL(bridge.pageUrl).search,
    );
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([
      `vidmuse_secret=${bridge.secret}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    const page = await rawRequest(bridge.port, '/', { cookie: `vidmuse_secret=${bridge.secret}` });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe('<!doctype html><title>VidMuse</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });
  it('refuses other hosts (DNS rebinding) and other origins', async () => {
    expect(
      (await rawRequest(bridge.port, '/', { ...auth, host: `evil.example:${bridge.port}` })).status,
    ).toBe(421);
    expect((await post('app.info', '', { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('app.info', '', { ...auth, origin: bridge.origin })).status).toBe(200);
  });
});

describe('bridge API', () => {
  it('answers a valid call with its result', async () => {
    const r = await post('app.info', '');
    expect(r.status).toBe(200);
    expect(json(r.body)).toEqual({ result: { version: '0.1.0', mode: 'web', platform: 'linux' } });
  });
  it('refuses unknown methods, bad JSON, wrong verbs, content types and oversized bodies', async () => {
    const unknown = await post('fs.readFile', '{}');
    expect([unknown.status, json(unknown.body)]).toEqual([
      404,
      { error: { code: 'not-found', message: 'Unknown API method: fs.readFile' } },
    ]);
    expect((await post('__proto__', '{}')).status).toBe(404);
    expect((await post('app.info', '{nope')).status).toBe(400);
    expect((await rawRequest(bridge.port, '/api/app.info', auth)).status).toBe(405);
    expect(
      (await rawRequest(bridge.port, '/api/app.info', { ...auth, 'content-type': 'text/plain' }, 'POST', ''))
        .status,
    ).toBe(415);
    const big = await post('jobs.cancel', JSON.stringify({ jobId: 'x'.repeat(2 << 20) }));
    expect(big.status).toBe(413);
  });
  it('validates every payload against the method schema before the handler runs', async () => {
    const missing = await post('jobs.cancel', '{}');
    expect([missing.status, json(missing.body)]).toEqual([
      400,
      { error: { code: 'invalid-input', message: 'jobId: expected string, got undefined' } },
    ]);
    const extra = await post('jobs.cancel', JSON.stringify({ jobId: 'a', path: '/etc/passwd' }));
    expect(json(extra.body)).toEqual({ error: { code: 'invalid-input', message: 'path: unknown field' } });
    const payload = await post('app.info', '{"x":1}');
    expect(payload.status).toBe(400);
  });
  it('maps handler errors to their code and an HTTP status', async () => {
    const nf = await post('jobs.cancel', '{"jobId":"j1"}');
    expect([nf.status, json(nf.body)]).toEqual([404, { error: { code: 'not-found', message: 'No job j1' } }]);
    const busy = await post('project.rename', '{"projectId":"p","name":"n"}');
    expect([busy.status, json(busy.body)]).toEqual([
      409,
      { error: { code: 'busy', message: 'busy with n' } },
    ]);
  });
});

describe('bridge media', () => {
  it('serves a project file whole and by byte range', async () => {
    const url = media.urlFor(projectFile);
    expect(url).toMatch(/^\/media\/[0-9a-f]{32}$/);
    const whole = await rawRequest(bridge.port, url, auth);
    expect([whole.status, whole.headers['content-type'], whole.headers['accept-ranges']]).toEqual([
      200,
      'audio/wav',
      'bytes',
    ]);
    expect(whole.body.equals(bytes)).toBe(true);
    const part = await rawRequest(bridge.port, url, { ...auth, range: 'bytes=100-199' });
    expect([part.status, part.headers['content-range'], part.headers['content-length']]).toEqual([
      206,
      'bytes 100-199/1000',
      '100',
    ]);
    expect(part.body.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await rawRequest(bridge.port, url, { ...auth, range: 'bytes=-10' });
    expect(tail.body.equals(bytes.subarray(990))).toBe(true);
    const beyond = await rawRequest(bridge.port, url, { ...auth, range: 'bytes=1000-' });
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, 'bytes */1000']);
  });
  it('serves nothing that does not belong to the open project', async () => {
    const url = media.urlFor(otherFile);
    expect((await rawRequest(bridge.port, url, auth)).status).toBe(404);
    const take = media.urlFor(projectFile);
    allowed.delete(projectFile);
    expect((await rawRequest(bridge.port, take, auth)).status).toBe(404);
    allowed.add(projectFile);
    expect((await rawRequest(bridge.port, `/media/${encodeURIComponent(projectFile)}`, auth)).status).toBe(
      404,
    );
    expect((await rawRequest(bridge.port, '/media/../private.txt', auth)).status).toBe(404);
  });
  it('refuses path traversal out of the renderer folder', async () => {
    for (const p of [
      '/../outside.html',
      '/%2e%2e/outside.html',
      '/..%2foutside.html',
      '/%2e%2e%2fprivate.txt',
      '/.%2e/private.txt',
    ]) {
      const r = await rawRequest(bridge.port, p, auth);
      expect(r.status).toBe(404);
      expect(r.body.toString()).not.toContain('outside');
    }
  });
});

describe('bridge events', () => {
  const job = { id: 'j1', kind: 'generate', status: 'running' } as JobInfo;
  const open = (headers: Record<string, string>) =>
    new WebSocket(`ws://127.0.0.1:${bridge.port}/events`, { headers });
  it('refuses a socket without the secret', async () => {
    const ws = open({});
    const status = await new Promise<number>((resolve) =>
      ws
        .on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        .on('error', () => resolve(-1)),
    );
    expect(status).toBe(401);
  });
  it('pushes studio events to a socket that carries the secret cookie', async () => {
    const ws = open({ cookie: `vidmuse_secret=${bridge.secret}` });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const got = new Promise<unknown>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))));
    events.emit('job', job);
    expect(await got).toEqual({ event: 'job', payload: job });
    ws.close();
  });
});
