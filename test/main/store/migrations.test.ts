import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../src/main/store/migrations';
import { openDatabase } from '../../../src/main/store/database';
import { tempDir } from '../synth-media';

const schemaOf = (db: Database.Database) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();

// Rows valid at schema version 1, so every later migration has data to carry.
function seedV1(db: Database.Database): void {
  db.exec(`
    INSERT INTO media VALUES ('m1', '/v.mp4', 'sha256:aa', 10, 5, '{}');
    INSERT INTO projects (id, name, media_id, bundle_id, sample_rate, total_samples, params_json, plan_id, created_at, updated_at, opened_at)
      VALUES ('p1', 'Film', 'm1', 'b', 32000, 64000, '{}', 'pl1', 't', 't', 't');
    INSERT INTO plans (id, project_id, window_samples, overlap_samples, created_at) VALUES ('pl1', 'p1', 64000, 0, 't');
    INSERT INTO windows VALUES ('w1', 'pl1', 0, 0, 64000);
    INSERT INTO takes (id, window_id, seed, params_json, bundle_id, codes_hash, audio_hash, length_samples, peaks, peak_block, created_at)
      VALUES ('t1', 'w1', 7, '{}', 'b', 'c', 'a', 64000, x'00', 320, 't');
    INSERT INTO selections VALUES ('w1', 't1');
    INSERT INTO jobs (id, kind, target, project_id, label, status, input_json, owner_pid, created_at)
      VALUES ('j1', 'generate', 'x', 'p1', 'G', 'done', '{}', 1, 't');`);
}

describe('migrations', () => {
  const tmp = tempDir('migrations');
  afterAll(() => tmp.remove());

  it('numbers the schema by the count of migrations', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  for (let from = 0; from < SCHEMA_VERSION; from++) {
    it(`brings a version ${from} database to the latest schema, keeping its rows`, () => {
      const fresh = new Database(join(tmp.dir, `fresh-${from}.db`));
      migrate(fresh);
      const file = join(tmp.dir, `from-${from}.db`);
      const old = new Database(file);
      migrate(old, from);
      if (from >= 1) seedV1(old);
      if (from >= 2)
        old.exec(`INSERT INTO history VALUES ('p1', 1, 'Rename project', NULL, '[]', '[]', 5);
          INSERT INTO project_locks (project_id, pid, token, acquired_at) VALUES ('p1', 1, 'tok', 't');`);
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      old.close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      if (from >= 1) {
        expect(db.prepare('SELECT name, history_pos FROM projects').all()).toEqual([
          { name: 'Film', history_pos: 0 },
        ]);
        expect(db.prepare('SELECT take_id FROM selections').all()).toEqual([{ take_id: 't1' }]);
        expect(db.prepare('SELECT id, scene_seams FROM plans').all()).toEqual([
          { id: 'pl1', scene_seams: 0 },
        ]);
        // Takes made before takes recorded their prompt continued nothing: their seams crossfade.
        expect(
          db.prepare('SELECT id, continued_take_id, continued_from, continued_frames FROM takes').all(),
        ).toEqual([{ id: 't1', continued_take_id: null, continued_from: null, continued_frames: null }]);
        expect(db.prepare('SELECT status, owner_started FROM jobs').all()).toEqual([
          { status: 'done', owner_started: null },
        ]);
      }
      if (from >= 2) {
        expect(db.prepare('SELECT label FROM history').all()).toEqual([{ label: 'Rename project' }]);
        expect(db.prepare('SELECT token, started FROM project_locks').all()).toEqual([
          { token: 'tok', started: null },
        ]);
      }
      db.close();
      fresh.close();
    });
  }

  it('refuses a database written by a newer version and leaves it as it was', () => {
    const file = join(tmp.dir, 'newer.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });

  it('leaves the database at the earlier version when a migration fails part-way', () => {
    const file = join(tmp.dir, 'fail.db');
    const db = new Database(file);
    migrate(db, 1);
    db.exec('CREATE TABLE history (x INTEGER)'); // collides with migration 2
    expect(() => migrate(db)).toThrow(/history/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'feature_cache'").get()).toEqual({
      n: 0,
    });
    db.close();
  });
});
