import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { FileStore, sha256 } from '../../../src/main/store/file-store';
import { collectGarbage } from '../../../src/main/store/gc';
import { openDatabase } from '../../../src/main/store/database';
import { tempDir } from '../synth-media';

const tmp = tempDir('files');
afterAll(() => tmp.remove());

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);

describe('FileStore', () => {
  it('stores bytes under their SHA-256 and keeps one copy of equal content', () => {
    const store = new FileStore(join(tmp.dir, 'a'));
    const data = new Uint8Array([1, 2, 3, 4]);
    const h = store.put(data, 'wav');
    expect(h).toBe(sha256(data));
    expect(store.path(h, 'wav')).toBe(join(tmp.dir, 'a', h.slice(0, 2), `${h}.wav`));
    expect([...readFileSync(store.path(h, 'wav'))]).toEqual([1, 2, 3, 4]);
    expect(store.put(data, 'wav')).toBe(h);
    expect(store.list().map((f) => f.hash)).toEqual([h]);
    expect(readdirSync(join(tmp.dir, 'a', 'tmp'))).toEqual([]);
  });

  it('sweeps temporary files left by a crash when it opens', () => {
    const root = join(tmp.dir, 'b');
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'dead.tmp'), 'partial');
    new FileStore(root);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses references that are not hashes', () => {
    const store = new FileStore(join(tmp.dir, 'c'));
    expect(() => store.path('../../etc/passwd', 'wav')).toThrow(AppError);
  });

  it('reports a full disk as disk-full and leaves no file behind', () => {
    const root = join(tmp.dir, 'full');
    mkdirSync(root);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root]);
    try {
      const store = new FileStore(root);
      const small = store.put(new Uint8Array(1000).fill(1), 'wav');
      let err: unknown;
      try {
        store.put(new Uint8Array(400_000).fill(2), 'wav');
      } catch (e) {
        err = e;
      }
      expect((err as AppError).code).toBe('disk-full');
      expect(allFiles(root)).toEqual([`${small}.wav`]);
    } finally {
      execFileSync('umount', [root]);
    }
  });
});

describe('collectGarbage', () => {
  it('deletes old unreferenced files and keeps referenced and young ones', () => {
    const dir = join(tmp.dir, 'gc');
    const db = openDatabase(join(tmp.dir, 'gc.db'));
    const store = new FileStore(dir);
    const kept = store.put(new Uint8Array([1]), 'wav');
    const orphan = store.put(new Uint8Array([2]), 'wav');
    const young = store.put(new Uint8Array([3]), 'i32');
    db.exec(`INSERT INTO feature_cache VALUES ('k', 'm', 'b', 'p', '${kept}', 't')`);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(store.path(kept, 'wav'), old, old);
    utimesSync(store.path(orphan, 'wav'), old, old);
    expect(collectGarbage(db, store, { graceMs: 60_000 })).toBe(1);
    expect(existsSync(store.path(orphan, 'wav'))).toBe(false);
    expect(store.has(kept, 'wav')).toBe(true);
    expect(store.has(young, 'i32')).toBe(true);
    db.close();
  });
});
