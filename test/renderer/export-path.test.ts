// The export dialog's default destination: the last export folder when known, else the video's folder.
import { describe, expect, it } from 'vitest';
import { defaultExportPath, folderOf } from '../../src/renderer/lib/export-path';

describe('default export destination', () => {
  it('uses the last export folder and names the file after the video', () => {
    expect(defaultExportPath('/videos/trip.mov', 'mp4', '/exports')).toBe('/exports/trip.scored.mp4');
    expect(defaultExportPath('/videos/trip.mov', 'wav', '/exports/')).toBe('/exports/trip.scored.wav');
    expect(defaultExportPath('C:\\clips\\a.b.mp4', 'flac', 'D:\\out')).toBe('D:\\out\\a.b.scored.flac');
  });

  it("falls back to the video's folder when no export was made yet", () => {
    expect(defaultExportPath('/videos/trip.mov', 'mp4', null)).toBe('/videos/trip.scored.mp4');
    expect(defaultExportPath('trip.mov', 'mp4', '')).toBe('trip.scored.mp4');
  });

  it('takes the folder of a path with either separator', () => {
    expect(folderOf('/a/b/c.mp4')).toBe('/a/b');
    expect(folderOf('C:\\a\\c.mp4')).toBe('C:\\a');
    expect(folderOf('c.mp4')).toBe('');
  });
});
