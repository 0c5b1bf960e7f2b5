import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleAppRequest, isAppUrl } from '../../../src/main/bridge/app-request';
import { createMediaRegistry } from '../../../src/main/bridge/media-registry';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vidmuse-app-'));
const rendererDir = path.join(dir, 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(dir, 'secret.txt'), 'secret');
const video = path.join(dir, 'clip.mp4');
const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
writeFileSync(video, bytes);
const open = new Set([video]);
const media = createMediaRegistry({ allows: (f) => open.has(f) });
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  handleAppRequest(new Request(url, { headers, method }), { rendererDir, media });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('handleAppRequest (Electron app scheme)', () => {
  it('serves the renderer with its CSP', async () => {
    const page = await get('vidmuse://app/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/);
    const js = await get('vidmuse://app/assets/app.js');
    expect([js.status, js.headers.get('content-type'), await js.text()]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log(1)',
    ]);
  });
  it('serves project media with byte ranges', async () => {
    const url = `vidmuse://app${media.urlFor(video)}`;
    const whole = await get(url);
    expect([whole.status, whole.headers.get('content-type'), whole.headers.get('content-length')]).toEqual([
      200,
      'video/mp4',
      '300',
    ]);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await get(url, { range: 'bytes=10-19' });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, 'bytes 10-19/300']);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    const head = await get(url, {}, 'HEAD');
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, '300', null]);
    expect((await get(url, { range: 'bytes=300-' })).status).toBe(416);
  });
  it('serves no file outside the open project or the renderer', async () => {
    const url = `vidmuse://app${media.urlFor(video)}`;
    open.delete(video);
    expect((await get(url)).status).toBe(404);
    open.add(video);
    expect((await get(`vidmuse://app${media.urlFor(path.join(dir, 'secret.txt'))}`)).status).toBe(404);
    expect((await get('vidmuse://app/..%2fsecret.txt')).status).toBe(404);
    expect((await get('vidmuse://app/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('vidmuse://other/index.html')).status).toBe(404);
    expect((await get('vidmuse://app/index.html', {}, 'POST')).status).toBe(405);
  });
});

describe('isAppUrl', () => {
  it("accepts the app's own pages only", () => {
    expect(isAppUrl('vidmuse://app/index.html')).toBe(true);
    expect(isAppUrl('vidmuse://app/')).toBe(true);
    expect(isAppUrl('vidmuse://app.evil/index.html')).toBe(false);
    expect(isAppUrl('vidmuse://user@app/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
