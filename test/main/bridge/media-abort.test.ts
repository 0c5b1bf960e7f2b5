// Media elements abort range requests constantly; each abort must close the file at once, or a long
// editing session runs out of file descriptors (Linux: counted in /proc/self/fd).
import http from 'node:http';
import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createMediaRegistry } from '../../../src/main/bridge/media-registry';
import { startBridge } from '../../../src/main/bridge/server';
import { tempDir } from '../synth-media';
import { eventSource, handlersWith } from './helpers';

const tmp = tempDir('media-abort');
const file = path.join(tmp.dir, 'long.wav');
writeFileSync(file, Buffer.alloc(32 << 20));
afterAll(() => tmp.remove());

const openDescriptors = (): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;

/** Polls a condition between event-loop turns (bounded), for effects of socket closes. */
async function settled(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(10);
  return condition();
}

describe.runIf(process.platform === 'linux')('media requests aborted by the client', () => {
  it('close their file', async () => {
    const media = createMediaRegistry({ allows: (f) => f === file });
    const bridge = await startBridge({
      handlers: handlersWith({}),
      events: eventSource(),
      staticDir: null,
      media,
    });
    const url = media.urlFor(file);
    for (let i = 0; i < 4; i++) {
      await new Promise<void>((resolve, reject) => {
        const headers = { 'x-vidmuse-secret': bridge.secret, range: `bytes=${i * 1000}-` };
        const req = http.get({ host: '127.0.0.1', port: bridge.port, path: url, headers }, (res) => {
          expect(res.statusCode).toBe(206);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', reject);
      });
    }
    expect(await settled(() => openDescriptors() === 0)).toBe(true);
    await bridge.close();
  });
});
