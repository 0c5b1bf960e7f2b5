import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryDir } from '../../src/main/library-dir';

describe('defaultLibraryDir', () => {
  it('is ~/.vidmuse-studio/library unless VIDMUSE_LIBRARY names another folder (made absolute)', () => {
    expect(defaultLibraryDir({})).toBe(path.join(os.homedir(), '.vidmuse-studio', 'library'));
    expect(defaultLibraryDir({ VIDMUSE_LIBRARY: '  ' })).toBe(
      path.join(os.homedir(), '.vidmuse-studio', 'library'),
    );
    expect(defaultLibraryDir({ VIDMUSE_LIBRARY: '/data/lib' })).toBe('/data/lib');
    expect(defaultLibraryDir({ VIDMUSE_LIBRARY: 'rel/lib' })).toBe(path.resolve('rel/lib'));
  });
});
