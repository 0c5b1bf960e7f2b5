// "Continue from here": the window after a window is regenerated prompted by its selected take, and with
// ripple every following window, each prompted by the take made before it; the new takes are selected as one
// undo step; a cancel stops before the next window and keeps the finished ones. The seams are judged by the
// studio itself with the shipped tiny bundle in a real inference host; the cancel test holds the test
// generator between its steps to cancel at a known point.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/service';
import type { ProjectState } from '../../../src/shared/domain';
import { tempDir } from '../synth-media';
import { seamKinds, selections, tinyEngine, tinyStudio } from './tiny-engine';
import { testGenerator } from './fixtures';
import { copySample, failure, makeStudio } from './helpers';

const tmp = tempDir('continue-from-here');
const engine = tinyEngine(tmp.dir);
afterAll(async () => {
  await engine.dispose();
  tmp.remove();
});

/** A project on the sample with four 2 s windows, each with one independent take (no prompt). */
async function independentProject(studio: Studio, name: string): Promise<ProjectState> {
  let s = await studio['project.openVideo']({ path: copySample(tmp.dir, name) });
  s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
  s = await studio['project.setParams']({ projectId: s.id, params: { continuation: false } });
  await studio['generate.windows']({ projectId: s.id, windowIndices: null });
  await studio.idle();
  return studio['project.setParams']({ projectId: s.id, params: { continuation: true } });
}

describe('continue from here', () => {
  it('ripples through three windows: every seam continuous, one undo step, redo brings it back', async () => {
    const studio = tinyStudio(path.join(tmp.dir, 'ripple'), engine);
    try {
      let s = await independentProject(studio, 'ripple.mp4');
      const before = selections(s);
      expect(seamKinds(s)).toEqual(['no-prompt', 'no-prompt', 'no-prompt']);
      const { jobId } = await studio['generate.continue']({
        projectId: s.id,
        windowId: s.windows[0]!.id,
        ripple: true,
      });
      await studio.idle();
      expect((await studio['jobs.list']()).find((j) => j.id === jobId)?.status).toBe('done');
      s = await studio['project.get']({ projectId: s.id });
      expect(seamKinds(s)).toEqual(['continuous', 'continuous', 'continuous']);
      const after = selections(s);
      expect(after[0]).toBe(before[0]);
      // Each new take continued the take of the window before it.
      for (let i = 1; i < 4; i++) {
        const t = s.windows[i]!.takes.find((x) => x.id === after[i])!;
        expect(t.continuedTakeId).toBe(after[i - 1]);
      }
      expect(s.history.undoLabel).toBe('Continue from window 1');
      s = await studio['history.undo']({ projectId: s.id });
      expect(selections(s)).toEqual(before);
      expect(seamKinds(s)).toEqual(['no-prompt', 'no-prompt', 'no-prompt']);
      s = await studio['history.redo']({ projectId: s.id });
      expect(selections(s)).toEqual(after);
      expect(seamKinds(s)).toEqual(['continuous', 'continuous', 'continuous']);
    } finally {
      await studio.dispose();
    }
  });

  it('keeps the finished window when cancelled during the next one', async () => {
    let steps = 0;
    let cancel: () => void = () => undefined;
    // The test generator waits here before each of its 4 steps per window; the 5th wait is window 3's first.
    const gate = async () => {
      if (++steps === 5) cancel();
      await new Promise((r) => setImmediate(r));
    };
    const studio = makeStudio(path.join(tmp.dir, 'cancel'), { generator: testGenerator(gate) });
    try {
      let s = await independentProject(studio, 'cancel.mp4');
      const before = selections(s);
      const takes = s.windows.map((w) => w.takes.length);
      const history = s.history.undoLabel;
      steps = 0;
      const { jobId } = await studio['generate.continue']({
        projectId: s.id,
        windowId: s.windows[1]!.id,
        ripple: true,
      });
      cancel = () => void studio['jobs.cancel']({ jobId });
      await studio.idle();
      expect((await studio['jobs.list']()).find((j) => j.id === jobId)?.status).toBe('cancelled');
      s = await studio['project.get']({ projectId: s.id });
      // Window 3 (index 2) has its new take selected, continued from window 2's; window 4 is untouched.
      expect(s.windows.map((w) => w.takes.length)).toEqual([takes[0], takes[1], takes[2]! + 1, takes[3]]);
      const made = s.windows[2]!.takes.find((t) => t.id !== before[2])!;
      expect(made.continuedTakeId).toBe(before[1]);
      expect(selections(s)).toEqual([before[0], before[1], made.id, before[3]]);
      expect(s.history.undoLabel).toBe('Continue from window 2');
      s = await studio['history.undo']({ projectId: s.id });
      expect(selections(s)).toEqual(before);
      expect(s.history.undoLabel).toBe(history);
    } finally {
      await studio.dispose();
    }
  });

  it('refuses the last window and a window without a selected take, starting nothing', async () => {
    const studio = makeStudio(path.join(tmp.dir, 'refuse'));
    try {
      const s = await studio['project.openVideo']({ path: copySample(tmp.dir, 'refuse.mp4') });
      const p = await studio['project.setPlan']({
        projectId: s.id,
        windowSamples: 64000,
        overlapSamples: 16000,
      });
      const none = await failure(() =>
        studio['generate.continue']({ projectId: p.id, windowId: p.windows[0]!.id, ripple: false }),
      );
      expect(none.message).toBe('Window 1 has no selected take to continue from.');
      const last = await failure(() =>
        studio['generate.continue']({ projectId: p.id, windowId: p.windows[3]!.id, ripple: true }),
      );
      expect(last.message).toBe('Window 4 is the last window: nothing follows it.');
      expect(await studio['jobs.list']()).toEqual([]);
    } finally {
      await studio.dispose();
    }
  });
});
