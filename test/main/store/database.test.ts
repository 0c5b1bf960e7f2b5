import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { openDatabase } from '../../../src/main/store/database';
import { tempDir } from '../synth-media';

const tmp = tempDir('database');
afterAll(() => tmp.remove());

function expectCorrupt(file: string): void {
  const before = readFileSync(file);
  let err: unknown;
  try {
    openDatabase(file);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('corrupt-database');
  expect((err as AppError).message).toContain(file);
  expect(readFileSync(file).equals(before)).toBe(true);
  const backups = readdirSync(tmp.dir).filter((f) => f.startsWith(file.split('/').pop()! + '.corrupt-'));
  expect(backups.length).toBeGreaterThan(0);
  expect((err as AppError).message).toContain(backups[backups.length - 1]);
  expect(readFileSync(join(tmp.dir, backups[backups.length - 1])).equals(before)).toBe(true);
}

describe('openDatabase', () => {
  it('opens with WAL, foreign keys and full sync', () => {
    const db = openDatabase(join(tmp.dir, 'ok.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() => db.prepare("INSERT INTO windows VALUES ('w', 'no-plan', 0, 0, 1)").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('refuses a file that is not a database, keeps it untouched and copies it aside', () => {
    const file = join(tmp.dir, 'garbage.db');
    writeFileSync(file, Buffer.from('this is not sqlite at all, just text '.repeat(200)));
    expectCorrupt(file);
  });

  it('refuses a database whose pages are damaged, never writing to it', () => {
    const file = join(tmp.dir, 'damaged.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x BLOB)');
    for (let i = 0; i < 50; i++) db.prepare('INSERT INTO filler VALUES (randomblob(3000))').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6); // scribble over pages 4–6 of the b-trees
    writeFileSync(file, bytes);
    expectCorrupt(file);
    expectCorrupt(file); // a second attempt keeps a second backup instead of overwriting the first
  });
});
