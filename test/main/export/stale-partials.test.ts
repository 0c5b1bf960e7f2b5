import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStalePartials } from '../../../src/main/export/stale-partials';

const dir = mkdtempSync(join(tmpdir(), 'stale-partials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('removeStalePartials', () => {
  it('removes every temporary file of the output, and nothing else', () => {
    const old = join(dir, '.film.mp4.0123456789ab.partial');
    const fresh = join(dir, '.film.mp4.ba9876543210.partial');
    const other = join(dir, '.other.mp4.0123456789ab.partial');
    const final = join(dir, 'film.mp4');
    for (const f of [old, fresh, other, final]) writeFileSync(f, 'x');
    expect(removeStalePartials(join(dir, 'film.mp4'))).toBe(2);
    expect([old, fresh, other, final].map(existsSync)).toEqual([false, false, true, true]);
  });

  it('treats a missing folder as nothing to clean', () => {
    expect(removeStalePartials(join(dir, 'gone', 'film.mp4'))).toBe(0);
  });
});
