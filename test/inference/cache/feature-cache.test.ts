import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { FeatureCache } from '../../../src/inference/cache/feature-cache';
import { decodeFeatureFile, encodeFeatureFile } from '../../../src/inference/cache/feature-file';
import { writeFileAtomic } from '../../../src/media/write-file-atomic';
import { featureKey } from '../../../src/inference/cache/feature-key';
import { hashFile, hashFileCached } from '../../../src/inference/cache/hash-file';
import { tempDir } from '../frames/media';

const pre = { fps: 2, width: 224, height: 224, mean: [0.1, 0.2, 0.3], std: [0.4, 0.5, 0.6] };
const parts = {
  videoHash: 'a'.repeat(64),
  bundleId: 'tiny',
  visualGraphSha256: 'b'.repeat(64),
  preprocessing: pre,
};
const tensor = { dims: [2, 3, 4], data: Float32Array.from({ length: 24 }, (_, i) => i / 7 - 1) };

describe('featureKey', () => {
  it('is stable and changes with every part', () => {
    const k = featureKey(parts);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(featureKey({ ...parts })).toBe(k);
    const variants = [
      { ...parts, videoHash: 'c'.repeat(64) },
      { ...parts, bundleId: 'other' },
      { ...parts, visualGraphSha256: 'd'.repeat(64) },
      { ...parts, preprocessing: { ...pre, fps: 4 } },
      { ...parts, preprocessing: { ...pre, width: 32 } },
      { ...parts, preprocessing: { ...pre, std: [0.4, 0.5, 0.7] } },
    ];
    const keys = new Set(variants.map(featureKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(k)).toBe(false);
  });
});

describe('feature files', () => {
  it('round-trip a tensor exactly and refuse another key, truncation and garbage', () => {
    const bytes = encodeFeatureFile('k1', tensor);
    const back = decodeFeatureFile('k1', bytes)!;
    expect(back.dims).toEqual([2, 3, 4]);
    expect([...back.data]).toEqual([...tensor.data]);
    expect(decodeFeatureFile('k2', bytes)).toBeNull();
    expect(decodeFeatureFile('k1', bytes.subarray(0, bytes.length - 4))).toBeNull();
    expect(decodeFeatureFile('k1', Buffer.from('VMFEAT1\nxxxxnot json'))).toBeNull();
  });

  it('write atomically and leave nothing behind when the target folder is missing', async () => {
    const dir = tempDir('atomic');
    await writeFileAtomic(join(dir, 'x.bin'), Buffer.from('hello'));
    expect(readFileSync(join(dir, 'x.bin'), 'utf8')).toBe('hello');
    const e = await writeFileAtomic(join(dir, 'missing', 'y.bin'), Buffer.from('no')).catch(
      (x: unknown) => x,
    );
    expect((e as AppError).code).toBe('not-writable');
    expect(readdirSync(dir)).toEqual(['x.bin']);
  });
});

describe('FeatureCache', () => {
  it('misses, stores, then hits with the same values', async () => {
    const cache = new FeatureCache(tempDir('cache'));
    const key = featureKey(parts);
    expect(await cache.get(key)).toBeNull();
    let computed = 0;
    const compute = async (): Promise<typeof tensor> => (computed++, tensor);
    await cache.getOrCompute(key, compute);
    const again = await cache.getOrCompute(key, compute);
    expect(computed).toBe(1);
    expect([...again.data]).toEqual([...tensor.data]);
    expect(cache.stats).toEqual({ hits: 1, misses: 2, writes: 1 });
  });

  it('treats a damaged file as a miss and removes it', async () => {
    const cache = new FeatureCache(tempDir('cache'));
    const key = featureKey(parts);
    await cache.put(key, tensor);
    writeFileSync(cache.pathOf(key), readFileSync(cache.pathOf(key)).subarray(0, 40));
    const fresh = new FeatureCache(cache.dir);
    expect(await fresh.get(key)).toBeNull();
    expect(readdirSync(join(cache.dir, key.slice(0, 2)))).toEqual([]);
  });

  it('keeps the most recent tensors in memory and forgets the oldest', async () => {
    const cache = new FeatureCache(tempDir('cache'), 1);
    const k1 = featureKey(parts);
    const k2 = featureKey({ ...parts, bundleId: 'two' });
    await cache.put(k1, tensor);
    rmSync(cache.pathOf(k1));
    expect((await cache.get(k1))?.dims).toEqual([2, 3, 4]);
    await cache.put(k2, tensor);
    expect(await cache.get(k1)).toBeNull();
    expect((await cache.get(k2))?.dims).toEqual([2, 3, 4]);
  });

  it('sweeps old temporary files left by a writer that died, and keeps fresh ones of live writers', async () => {
    const cache = new FeatureCache(tempDir('cache'));
    mkdirSync(join(cache.dir, 'ab'));
    writeFileSync(join(cache.dir, 'ab', 'old.feat.123.abc.tmp'), 'partial');
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(cache.dir, 'ab', 'old.feat.123.abc.tmp'), hourAgo, hourAgo);
    writeFileSync(join(cache.dir, 'ab', 'new.feat.456.def.tmp'), 'in progress');
    expect(await cache.sweep()).toBe(1);
    expect(readdirSync(join(cache.dir, 'ab'))).toEqual(['new.feat.456.def.tmp']);
  });
});

describe('hashFile', () => {
  it('hashes content, not names, and reports missing files', async () => {
    const dir = tempDir('hash');
    writeFileSync(join(dir, 'a'), 'abc');
    writeFileSync(join(dir, 'b'), 'abc');
    expect(await hashFile(join(dir, 'a'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await hashFile(join(dir, 'b'))).toBe(await hashFile(join(dir, 'a')));
    const e = await hashFile(join(dir, 'nope')).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('not-found');
  });
});

describe('hashFileCached', () => {
  it('remembers a hash until the file changes', async () => {
    const file = join(tempDir('hash-memo'), 'v');
    writeFileSync(file, 'abc');
    expect(await hashFileCached(file)).toBe(await hashFile(file));
    writeFileSync(file, 'abcd');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(await hashFileCached(file)).toBe(
      '88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589',
    );
  });
});
