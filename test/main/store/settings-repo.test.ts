import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { getSetting, setSetting } from '../../../src/main/store/settings-repo';
import { tempDir } from '../synth-media';

const tmp = tempDir('settings');
afterAll(() => tmp.remove());

describe('settings', () => {
  it('keeps values across a reopen and falls back when unset or removed', () => {
    const file = join(tmp.dir, 's.db');
    let db = openDatabase(file);
    expect(getSetting(db, 'exportFolder', '/home')).toBe('/home');
    setSetting(db, 'exportFolder', '/films');
    setSetting(db, 'layout', { timelineHeight: 240 });
    db.close();
    db = openDatabase(file);
    expect(getSetting(db, 'exportFolder', '/home')).toBe('/films');
    expect(getSetting(db, 'layout', {})).toEqual({ timelineHeight: 240 });
    setSetting(db, 'exportFolder', null);
    expect(getSetting(db, 'exportFolder', '/home')).toBe('/home');
    db.close();
  });
});
