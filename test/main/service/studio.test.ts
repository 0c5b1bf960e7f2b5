import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../src/shared/domain';
import type { AppError } from '../../../src/shared/errors';
import { decodeWavFloat } from '../../../src/shared/timeline/wav';
import { mixProject } from '../../../src/main/service/runners/export-job';
import { ffprobeJson, tempDir } from '../synth-media';
import { expectedPcm } from './fixtures';
import { copySample, makeStudio, testUrl } from './helpers';

const tmp = tempDir('studio');
afterAll(() => tmp.remove());

const takeAudio = (s: ProjectState, w: number, t = 0) =>
  decodeWavFloat(
    readFileSync(decodeURIComponent(s.windows[w].takes[t].audioUrl.slice('media-test://'.length))),
  ).pcm;

async function code(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
}

describe('studio', () => {
  const video = copySample(tmp.dir);
  const studio = makeStudio(tmp.dir);
  const events: string[] = [];
  const off = studio.on('project', (e) => events.push(`project ${e.revision}`));
  let s: ProjectState;

  it('creates a project for a video with the bundle defaults', async () => {
    s = await studio['project.openVideo']({ path: video });
    expect(s.name).toBe('film');
    expect(s.sampleRate).toBe(32000);
    expect(s.totalSamples).toBe(Math.round(s.media.info.durationSeconds * 32000));
    expect(s.plan).toEqual({ windowSamples: s.totalSamples, overlapSamples: 64000 });
    expect(s.windows.map((w) => [w.start, w.end, w.takes.length])).toEqual([[0, s.totalSamples, 0]]);
    expect(s.params).toEqual({
      seed: 0,
      temperature: 1,
      topK: 250,
      topP: 0,
      cfgCoef: 3,
      globalFrames: 32,
      continuation: true,
      continuationSeconds: 0,
    });
    expect(s.media).toMatchObject({ path: video, url: testUrl(video), missing: false, changed: false });
    expect(s.media.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(s.history.canUndo).toBe(false);
    expect((await studio['project.openVideo']({ path: video })).id).toBe(s.id);
  });

  it('changes the window plan as an undoable command with full-overlap equal-power seams', async () => {
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
    expect(s.windows.map((w) => [w.index, w.start, w.end])).toEqual([
      [0, 0, 64000],
      [1, 48000, 112000],
      [2, 96000, 160000],
      [3, 144000, s.totalSamples],
    ]);
    expect(s.seams.map((x) => [x.start, x.end, x.lengthSamples, x.curve])).toEqual([
      [48000, 64000, 16000, 'equal-power'],
      [96000, 112000, 16000, 'equal-power'],
      [144000, 160000, 16000, 'equal-power'],
    ]);
    expect(s.history.undoLabel).toBe('Change window plan');
    expect(
      await code(() =>
        studio['project.setPlan']({ projectId: s.id, windowSamples: 1000, overlapSamples: 1000 }),
      ),
    ).toBe('invalid-input');
  });

  it('generates every window as a selected take with the exact audio', async () => {
    const jobEvents: string[] = [];
    const offJob = studio.on('job', (j) => jobEvents.push(j.status));
    const { jobIds } = await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    expect(jobIds).toHaveLength(4);
    await studio.idle();
    offJob();
    expect(jobEvents.filter((x) => x === 'done')).toHaveLength(4);
    s = await studio['project.open']({ projectId: s.id });
    for (const w of s.windows) {
      expect(w.takes).toHaveLength(1);
      expect(w.selectedTakeId).toBe(w.takes[0].id);
      expect(w.takes[0]).toMatchObject({
        lengthSamples: w.end - w.start,
        bundleId: 'test-bundle',
        starred: false,
        peakBlock: 320,
      });
      expect(w.takes[0].peaks).toHaveLength(Math.ceil((w.end - w.start) / 320));
      // The shared seed rule: window i's first take gets the project seed + i.
      expect(w.takes[0].params.seed).toBe(w.index);
      expect(takeAudio(s, w.index)).toEqual(expectedPcm(w.index, w.start, w.end));
    }
    const jobs = await studio['jobs.list']();
    expect(
      jobs
        .filter((j) => j.status === 'done')
        .map((j) => j.result)
        .sort(),
    ).toEqual(s.windows.map((w) => w.takes[0].id).sort());
  });

  it('regenerates a window as a new take with the next seed, keeping the selection', async () => {
    await studio['generate.windows']({ projectId: s.id, windowIndices: [1] });
    await studio.idle();
    s = await studio['project.open']({ projectId: s.id });
    const w = s.windows[1];
    expect(w.takes.map((t) => t.params.seed)).toEqual([1, 1 + 65537]);
    expect(w.selectedTakeId).toBe(w.takes[0].id);
    expect(takeAudio(s, 1, 1)).toEqual(expectedPcm(1 + 65537, w.start, w.end));
    expect(await code(() => studio['generate.windows']({ projectId: s.id, windowIndices: [9] }))).toBe(
      'invalid-input',
    );
  });

  it('selects, stars and deletes takes with undo and redo', async () => {
    const w = s.windows[1];
    const [t0, t1] = w.takes.map((t) => t.id);
    s = await studio['take.select']({ projectId: s.id, windowId: w.id, takeId: t1 });
    expect(s.windows[1].selectedTakeId).toBe(t1);
    s = await studio['take.star']({ projectId: s.id, takeId: t1, starred: true });
    expect(s.windows[1].takes[1].starred).toBe(true);
    s = await studio['take.delete']({ projectId: s.id, takeId: t1 });
    expect(s.windows[1].takes.map((t) => t.id)).toEqual([t0]);
    expect(s.windows[1].selectedTakeId).toBe(t0);
    s = await studio['history.undo']({ projectId: s.id });
    expect(s.windows[1].takes.map((t) => t.id)).toEqual([t0, t1]);
    expect(s.windows[1].selectedTakeId).toBe(t1);
    expect(s.history.redoLabel).toBe('Delete take');
    s = await studio['history.redo']({ projectId: s.id });
    expect(s.windows[1].selectedTakeId).toBe(t0);
    expect(await code(() => studio['take.select']({ projectId: s.id, windowId: w.id, takeId: t1 }))).toBe(
      'invalid-input',
    );
    expect(
      await code(() => studio['take.select']({ projectId: s.id, windowId: s.windows[0].id, takeId: t0 })),
    ).toBe('invalid-input');
    expect(await code(() => studio['take.star']({ projectId: s.id, takeId: 'nope', starred: true }))).toBe(
      'not-found',
    );
  });

  it('sets a seam and refuses a crossfade longer than the overlap', async () => {
    const seam = s.seams[0];
    s = await studio['seam.set']({ projectId: s.id, seamId: seam.id, lengthSamples: 8000, curve: 'linear' });
    expect(s.seams[0]).toMatchObject({ lengthSamples: 8000, curve: 'linear' });
    expect(
      await code(() =>
        studio['seam.set']({ projectId: s.id, seamId: seam.id, lengthSamples: 16001, curve: 'linear' }),
      ),
    ).toBe('invalid-input');
  });

  it('brings back the earlier plan with its takes on undo', async () => {
    const rev = s.revision;
    const taken = s.windows.map((w) => w.takes.length);
    // A preview names the windows whose takes a change hides, and changes nothing.
    expect(
      await studio['project.previewPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 0 }),
    ).toEqual({ known: true, windows: [1, 2, 3], takes: taken[1] + taken[2] + taken[3] });
    expect(
      await studio['project.previewPlan']({ projectId: s.id, windowSamples: 96000, overlapSamples: 32000 }),
    ).toEqual({ known: true, windows: [0, 1, 2, 3], takes: taken.reduce((a, b) => a + b) });
    expect((await studio['project.open']({ projectId: s.id })).revision).toBe(rev);
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 96000, overlapSamples: 32000 });
    expect(s.windows.every((w) => w.takes.length === 0)).toBe(true);
    s = await studio['history.undo']({ projectId: s.id });
    expect(s.windows).toHaveLength(4);
    expect(s.windows.every((w) => w.selectedTakeId !== null)).toBe(true);
    expect(s.revision).toBe(rev + 2);
  });

  it('exports the mixdown of the selected takes as WAV and as mp4 through the export module', async () => {
    const options = {
      includeOriginalAudio: false,
      musicGainDb: 0,
      originalGainDb: 0,
      ducking: false,
      loudnessTarget: -14,
    };
    const wav = join(tmp.dir, 'music.wav');
    const mp4 = join(tmp.dir, 'scored.mp4');
    const a = await studio['export.start']({
      projectId: s.id,
      options: { ...options, format: 'wav', outputPath: wav },
    });
    const b = await studio['export.start']({
      projectId: s.id,
      options: { ...options, format: 'mp4', outputPath: mp4 },
    });
    await studio.idle();
    const jobs = await studio['jobs.list']();
    expect(jobs.find((j) => j.id === a.jobId)).toMatchObject({ status: 'done', result: wav, kind: 'export' });
    expect(jobs.find((j) => j.id === b.jobId)).toMatchObject({ status: 'done', result: mp4, kind: 'export' });
    const w = ffprobeJson(wav).streams[0];
    expect(w).toMatchObject({
      codec_name: 'pcm_s24le',
      sample_rate: '32000',
      channels: 1,
      duration_ts: s.totalSamples,
    });
    expect(
      ffprobeJson(mp4)
        .streams.map((x) => x.codec_type)
        .sort(),
    ).toEqual(['audio', 'video']);
    const src = { db: studio.context.db, files: studio.context.files, bundleDirs: [] };
    expect((await mixProject(src, s.id)).length).toBe(s.totalSamples);
  });

  it('lets the transport serve only the project files', () => {
    const files = studio.allowedFiles(s.id);
    expect(files[0]).toBe(video);
    expect(files).toHaveLength(1 + 4); // the video and the live takes (the deleted one is not served)
    expect(studio.isAllowedFile(files[3])).toBe(true);
    expect(studio.isAllowedFile('/etc/passwd')).toBe(false);
  });

  it('renames, lists recent projects and keeps everything across a restart', async () => {
    s = await studio['project.rename']({ projectId: s.id, name: 'My film' });
    expect((await studio['project.recent']())[0]).toMatchObject({
      id: s.id,
      name: 'My film',
      videoPath: video,
    });
    expect(events.length).toBeGreaterThan(5);
    off();
    await studio.dispose();
    const again = makeStudio(tmp.dir);
    const reopened = await again['project.open']({ projectId: s.id });
    expect(reopened).toEqual(s);
    const back = await again['history.undo']({ projectId: s.id });
    expect(back.name).toBe('film');
    await again.dispose();
  });
});
