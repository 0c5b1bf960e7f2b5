// media.peaks: the envelope of a project's own audio at the project's rate (100 blocks a second), null for a
// video without audio or a missing one, 'not-found' for an unknown project; a read that takes no lock.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { synthVideo, tempDir } from '../synth-media';
import { copySample, failure, makeStudio } from './helpers';

const tmp = tempDir('media-peaks');
afterAll(() => tmp.remove());

function lockCount(lib: string): number {
  const db = openDatabase(join(lib, 'library.db'));
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM project_locks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('media.peaks', () => {
  it("answers the envelope of the project's audio, null without audio, and takes no lock", async () => {
    const studio = makeStudio(tmp.dir);
    try {
      const toned = synthVideo(join(tmp.dir, 'tone.mp4'), { seconds: 2, audioRate: 48000 });
      const withAudio = await studio['project.openVideo']({ path: toned });
      const silent = await studio['project.openVideo']({ path: copySample(tmp.dir) });
      await studio['project.close']({ projectId: withAudio.id });
      await studio['project.close']({ projectId: silent.id });
      const lib = join(tmp.dir, 'library');
      expect(lockCount(lib)).toBe(0);
      const p = await studio['media.peaks']({ projectId: withAudio.id });
      if (!p) throw new Error('expected an envelope');
      expect(p.peakBlock).toBe(withAudio.sampleRate / 100);
      // 2 s of AAC decodes to 2 s plus the encoder's padding (under 20 ms).
      expect(p.peaks.length).toBeGreaterThanOrEqual(200);
      expect(p.peaks.length).toBeLessThanOrEqual(202);
      // ffmpeg's sine source is at 1/8 of full scale (AAC leaves it within a few per cent).
      const loud = p.peaks.slice(10, 190);
      expect(Math.min(...loud)).toBeGreaterThan(0.11);
      expect(Math.max(...loud)).toBeLessThan(0.14);
      expect(await studio['media.peaks']({ projectId: silent.id })).toBeNull();
      expect(lockCount(lib)).toBe(0);
      rmSync(toned);
      expect(await studio['media.peaks']({ projectId: withAudio.id })).toBeNull();
      expect((await failure(() => studio['media.peaks']({ projectId: 'no-such-project' }))).code).toBe(
        'not-found',
      );
    } finally {
      await studio.dispose();
    }
  });
});
