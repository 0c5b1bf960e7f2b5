import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashMediaFile } from '../../src/media/hash-media';
import { SAMPLE_VIDEO, tempDir } from '../main/synth-media';

const t = tempDir('hash');
afterAll(() => t.remove());

describe('hashMediaFile', () => {
  it('is the sha256 of every byte, with byte progress to the end', async () => {
    const seen: number[] = [];
    const h = await hashMediaFile(SAMPLE_VIDEO, { onProgress: (p) => seen.push(p.done) });
    expect(h).toBe('sha256:' + createHash('sha256').update(readFileSync(SAMPLE_VIDEO)).digest('hex'));
    expect(seen.at(-1)).toBe(1345789);
  });
  it('changes when one byte in the middle changes', async () => {
    const bytes = readFileSync(SAMPLE_VIDEO);
    bytes[Math.floor(bytes.length / 2)] ^= 1;
    writeFileSync(join(t.dir, 'x.mp4'), bytes);
    expect(await hashMediaFile(join(t.dir, 'x.mp4'))).not.toBe(await hashMediaFile(SAMPLE_VIDEO));
  });
  it('rejects a missing file with not-found', async () => {
    await expect(hashMediaFile(join(t.dir, 'none'))).rejects.toMatchObject({ code: 'not-found' });
  });
  it('stops when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(hashMediaFile(SAMPLE_VIDEO, { signal: ac.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
