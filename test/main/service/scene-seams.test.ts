import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cutVideo } from '../../media/cut-video';
import { tempDir } from '../synth-media';
import { makeStudio } from './helpers';

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
