// "Continue from here" rippling a given number of windows: only that many windows after the continued one are
// regenerated (each prompted by the take made before it) and selected as one undo step; the window after them
// keeps its take, so its seam is not continuous. The tiny bundle in a real inference host makes the takes.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../synth-media';
import { seamKinds, selections, tinyEngine, tinyStudio } from './tiny-engine';
import { copySample } from './helpers';

const tmp = tempDir('continue-count');
const engine = tinyEngine(tmp.dir);
afterAll(async () => {
  await engine.dispose();
  tmp.remove();
});

describe('continue from here with a count', () => {
  it('regenerates only the next two windows and labels the job with the last one', async () => {
    const studio = tinyStudio(path.join(tmp.dir, 'count'), engine);
    try {
      let s = await studio['project.openVideo']({ path: copySample(tmp.dir, 'count.mp4') });
      s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
      s = await studio['project.setParams']({ projectId: s.id, params: { continuation: false } });
      await studio['generate.windows']({ projectId: s.id, windowIndices: null });
      await studio.idle();
      s = await studio['project.setParams']({ projectId: s.id, params: { continuation: true } });
      const before = selections(s);
      // The windows the job works on, as its progress names them (the timeline shows the job there).
      const worked = new Set<number>();
      const off = studio.on('job', (j) => j.progress?.window !== undefined && worked.add(j.progress.window));
      const { jobId } = await studio['generate.continue']({
        projectId: s.id,
        windowId: s.windows[0]!.id,
        ripple: true,
        count: 2,
      });
      await studio.idle();
      const job = (await studio['jobs.list']()).find((j) => j.id === jobId);
      expect(job?.status).toBe('done');
      expect(job?.label).toBe('Continue from window 1 through window 3 of 4');
      off();
      expect([...worked]).toEqual([1, 2]);
      s = await studio['project.get']({ projectId: s.id });
      expect(s.windows.map((w) => w.takes.length)).toEqual([1, 2, 2, 1]);
      expect(seamKinds(s)).toEqual(['continuous', 'continuous', 'no-prompt']);
      const after = selections(s);
      expect([after[0], after[3]]).toEqual([before[0], before[3]]);
      expect(s.windows[2]!.takes.find((t) => t.id === after[2])?.continuedTakeId).toBe(after[1]);
      s = await studio['history.undo']({ projectId: s.id });
      expect(selections(s)).toEqual(before);
    } finally {
      await studio.dispose();
    }
  });
});
