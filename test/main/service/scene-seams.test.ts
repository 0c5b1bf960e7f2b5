import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cutVideo } from '../../media/cut-video';
import { tempDir } from '../synth-media';
import { testGenerator } from './fixtures';
import { failure, makeStudio } from './helpers';

const t = tempDir('scene-studio');
afterAll(() => t.remove());
const SR = 32000;
const CUTS = [9.2, 24.6, 33];
const video = cutVideo(join(t.dir, 'three-shots.mp4'), 45, CUTS);
const centres = (s: { seams: { start: number; end: number }[] }) =>
  s.seams.map((x) => (x.start + x.end) / 2 / SR);

describe('seams at cuts in the studio', () => {
  it('finds the cuts in a job, switches to the plan at the cuts, undoes back, and reopens with the cuts cached', async () => {
    const studio = makeStudio(join(t.dir, 'a'));
    let s = await studio['project.openVideo']({ path: video });
    expect(s.cuts).toBeNull();
    expect(s.sceneSeams).toBe(false);
    const ordinary = s.windows.map((w) => [w.start, w.end]);
    const { windowSamples, overlapSamples } = s.plan;
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples, overlapSamples, sceneSeams: true });
    expect(s.sceneSeams).toBe(false); // unchanged until the cuts job has found the cuts
    await studio.idle();
    const job = (await studio['jobs.list']()).find((j) => j.kind === 'cuts')!;
    expect(job).toMatchObject({ status: 'done', result: '3 cuts', label: 'Find the cuts' });
    s = await studio['project.open']({ projectId: s.id });
    expect(s.sceneSeams).toBe(true);
    expect(s.cuts!.map((c) => c / SR)).toEqual(CUTS);
    centres(s).forEach((c, i) => expect(Math.abs(c - CUTS[i])).toBeLessThanOrEqual(0.5));
    for (const w of s.windows) expect(w.end - w.start).toBeLessThanOrEqual(30 * SR);
    expect(s.history.undoLabel).toBe('Seams at cuts');
    s = await studio['history.undo']({ projectId: s.id });
    expect(s.windows.map((w) => [w.start, w.end])).toEqual(ordinary);
    await studio.dispose();
    expect(readdirSync(join(t.dir, 'a', 'library', 'cuts')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const again = makeStudio(join(t.dir, 'a'));
    let r = await again['project.open']({ projectId: s.id });
    expect(r.cuts!.map((c) => c / SR)).toEqual(CUTS);
    r = await again['project.setPlan']({ projectId: r.id, windowSamples, overlapSamples, sceneSeams: true });
    expect(r.sceneSeams).toBe(true); // the cuts were cached: no job, at once
    expect((await again['jobs.list']()).filter((j) => j.kind === 'cuts' && j.status !== 'done')).toEqual([]);
    await again.dispose();
  });

  it('makes an independent take after a seam at a cut, without a continuation prompt, and selects it', async () => {
    const prompts: (number | null)[] = [];
    const base = testGenerator();
    const studio = makeStudio(join(t.dir, 'c'), {
      generator: (req, opts) => {
        prompts.push(req.prompt ? req.prompt.frames : null);
        return base(req, opts);
      },
    });
    let s = await studio['project.openVideo']({ path: video });
    const { windowSamples, overlapSamples } = s.plan;
    await studio['project.setPlan']({ projectId: s.id, windowSamples, overlapSamples, sceneSeams: true });
    await studio.idle();
    await studio['project.setParams']({ projectId: s.id, params: { continuation: true } });
    await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    await studio.idle();
    s = await studio['project.open']({ projectId: s.id });
    expect(s.params.continuation).toBe(true);
    expect(prompts.slice(1).every((p) => p !== null && p > 0)).toBe(true);
    prompts.length = 0;
    await studio['seam.newCue']({ projectId: s.id, seamId: s.seams[1].id });
    await studio.idle();
    expect(prompts).toEqual([null]);
    s = await studio['project.open']({ projectId: s.id });
    const w = s.windows[2];
    expect(w.takes).toHaveLength(2);
    const cue = w.takes.find((x) => !x.params.continuation);
    expect(w.selectedTakeId).toBe(cue?.id);
    const err = await failure(() => studio['seam.newCue']({ projectId: s.id, seamId: 'nope' }));
    expect(err).toMatchObject({ code: 'not-found' });
    await studio.dispose();
  });

  it('moves a seam to another cut, keeping the takes of the windows it does not touch, as one undo step', async () => {
    const four = cutVideo(join(t.dir, 'four-shots.mp4'), 45, [9.2, 12, 24.6, 33]);
    const studio = makeStudio(join(t.dir, 'd'));
    let s = await studio['project.openVideo']({ path: four });
    const { windowSamples, overlapSamples } = s.plan;
    await studio['project.setPlan']({ projectId: s.id, windowSamples, overlapSamples, sceneSeams: true });
    await studio.idle();
    await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    await studio.idle();
    s = await studio['project.open']({ projectId: s.id });
    expect(s.cuts).toHaveLength(4);
    expect(s.seams).toHaveLength(3);
    const used = centres(s)[0];
    const other = s.cuts!.find((c) => Math.abs(c / SR - used) > 1 && c / SR < 20)!;
    const moved = await studio['seam.moveToCut']({ projectId: s.id, seamId: s.seams[0].id, cut: other });
    expect(Math.abs(centres(moved)[0] - other / SR)).toBeLessThanOrEqual(0.01);
    expect(moved.windows.slice(2)).toMatchObject(
      s.windows.slice(2).map((w) => ({ start: w.start, end: w.end })),
    );
    expect(moved.windows.slice(2).map((w) => w.takes.map((x) => x.lengthSamples))).toEqual(
      s.windows.slice(2).map((w) => w.takes.map((x) => x.lengthSamples)),
    );
    expect(moved.windows.slice(2).every((w) => w.selectedTakeId !== null)).toBe(true);
    expect(moved.windows.slice(0, 2).every((w) => w.takes.length === 0)).toBe(true);
    expect(moved.history.undoLabel).toBe('Move seam to cut');
    const err = await failure(() =>
      studio['seam.moveToCut']({ projectId: s.id, seamId: moved.seams[1].id, cut: Math.round(33 * SR) }),
    );
    expect(err).toMatchObject({ code: 'invalid-input' });
    expect(err.message).toMatch(/would make windows of .* s; each must be 8\.0–30\.0 s/);
    const back = await studio['history.undo']({ projectId: s.id });
    expect(back.windows.map((w) => [w.start, w.end, w.takes.length])).toEqual(
      s.windows.map((w) => [w.start, w.end, w.takes.length]),
    );
    await studio.dispose();
  });

  it('leaves the plan as it was when the cuts job is cancelled', async () => {
    const studio = makeStudio(join(t.dir, 'b'));
    const s = await studio['project.openVideo']({ path: video });
    const { windowSamples, overlapSamples } = s.plan;
    await studio['project.setPlan']({ projectId: s.id, windowSamples, overlapSamples, sceneSeams: true });
    const job = (await studio['jobs.list']()).find((j) => j.kind === 'cuts')!;
    await studio['jobs.cancel']({ jobId: job.id });
    await studio.idle();
    const after = await studio['project.open']({ projectId: s.id });
    expect(after.sceneSeams).toBe(false);
    expect(after.windows).toEqual(s.windows);
    expect((await studio['jobs.list']()).find((j) => j.id === job.id)?.status).toBe('cancelled');
    expect(existsSync(join(t.dir, 'b', 'library', 'cuts'))).toBe(false);
    await studio.dispose();
  });
});
