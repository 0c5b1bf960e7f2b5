import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthVideo, tempDir } from '../synth-media';
import { copySample, failure, makeStudio } from './helpers';

const tmp = tempDir('faults');
afterAll(() => tmp.remove());

describe('studio faults', () => {
  it('shows a moved video as missing, relinks it by content and refuses a different file', async () => {
    const dir = join(tmp.dir, 'moved');
    mkdirSync(dir);
    const video = copySample(dir);
    let studio = makeStudio(dir);
    const { id } = await studio['project.openVideo']({ path: video });
    await studio.dispose();
    const moved = join(dir, 'elsewhere.mp4');
    renameSync(video, moved);
    studio = makeStudio(dir);
    expect((await studio['project.open']({ projectId: id })).media).toMatchObject({
      missing: true,
      changed: false,
    });
    expect(
      (await failure(() => studio['generate.windows']({ projectId: id, windowIndices: null }))).message,
    ).toMatch(/missing.*relink/);
    const other = synthVideo(join(dir, 'other.mp4'), { seconds: 1 });
    const err = await failure(() => studio['project.relink']({ projectId: id, path: other }));
    expect(err.code).toBe('media-changed');
    expect((await studio['project.open']({ projectId: id })).media.path).toBe(video);
    const s = await studio['project.relink']({ projectId: id, path: moved });
    expect(s.media).toMatchObject({ path: moved, missing: false, changed: false });
    expect(studio.allowedFiles(id)[0]).toBe(moved);
    // Pointing at a folder finds the video by content, under any name, among other files.
    const nested = join(dir, 'archive', '2024');
    mkdirSync(nested, { recursive: true });
    const renamed = join(nested, 'renamed.mov');
    renameSync(moved, renamed);
    expect((await studio['project.relink']({ projectId: id, path: dir })).media.path).toBe(renamed);
    rmSync(renamed);
    expect((await failure(() => studio['project.relink']({ projectId: id, path: dir }))).code).toBe(
      'not-found',
    );
    await studio.dispose();
  });

  it('detects a video modified on disk', async () => {
    const dir = join(tmp.dir, 'modified');
    mkdirSync(dir);
    const video = copySample(dir);
    const studio = makeStudio(dir);
    const { id } = await studio['project.openVideo']({ path: video });
    appendFileSync(video, Buffer.alloc(10, 1));
    expect((await studio['project.open']({ projectId: id })).media).toMatchObject({
      missing: false,
      changed: true,
    });
    expect(
      (await failure(() => studio['generate.windows']({ projectId: id, windowIndices: [0] }))).code,
    ).toBe('media-changed');
    expect(await studio['jobs.list']()).toEqual([]);
    await studio.dispose();
  });

  it('refuses bad input with specific errors and creates nothing', async () => {
    const dir = join(tmp.dir, 'bad');
    mkdirSync(dir);
    const studio = makeStudio(dir);
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    expect((await failure(() => studio['project.openVideo']({ path: empty }))).code).toBe('empty-media');
    expect((await failure(() => studio['project.openVideo']({ path: join(dir, 'none.mp4') }))).code).toBe(
      'not-found',
    );
    expect((await failure(() => studio['project.open']({ projectId: 'nope' }))).code).toBe('not-found');
    const { id } = await studio['project.openVideo']({ path: copySample(dir) });
    expect((await failure(() => studio['project.rename']({ projectId: id, name: '   ' }))).code).toBe(
      'invalid-input',
    );
    expect((await studio['project.open']({ projectId: id })).history.canUndo).toBe(false);
    expect((await studio['project.recent']()).map((p) => p.id)).toEqual([id]);
    await studio.dispose();
  });

  it('refuses a second instance on the same project clearly', async () => {
    const dir = join(tmp.dir, 'second');
    mkdirSync(dir);
    const first = makeStudio(dir);
    const { id } = await first['project.openVideo']({ path: copySample(dir) });
    const second = makeStudio(dir);
    const err = await failure(() => second['project.open']({ projectId: id }));
    expect(err.code).toBe('locked');
    expect(err.message).toMatch(/already open in another VidMuse Studio instance/);
    expect((await failure(() => second['project.rename']({ projectId: id, name: 'x' }))).code).toBe('locked');
    await first.dispose();
    expect((await second['project.open']({ projectId: id })).name).toBe('film');
    await second.dispose();
  });

  it('fails a generation cleanly on a full disk, keeps edits consistent and recovers when space returns', async () => {
    const dir = join(tmp.dir, 'full');
    mkdirSync(dir);
    const video = copySample(dir);
    const lib = join(dir, 'library');
    mkdirSync(lib);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', lib]);
    try {
      const studio = makeStudio(dir);
      const s = await studio['project.openVideo']({ path: video });
      const filler = join(lib, 'filler');
      const free = () => Number(execFileSync('df', ['--output=avail', '-B1', lib]).toString().split('\n')[1]);
      writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 200_000)));
      const { jobIds } = await studio['generate.windows']({ projectId: s.id, windowIndices: [0] });
      await studio.idle();
      const job = (await studio['jobs.list']()).find((j) => j.id === jobIds[0])!;
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('disk-full');
      expect(readdirSync(join(lib, 'files', 'tmp'))).toEqual([]);
      await studio['project.rename']({ projectId: s.id, name: 'Before' });
      writeFileSync(filler, Buffer.alloc(statSync(filler).size + free()));
      const renameErr = await failure(() => studio['project.rename']({ projectId: s.id, name: 'Renamed' }));
      expect(renameErr.code).toBe('disk-full');
      expect((await failure(() => studio['history.undo']({ projectId: s.id }))).code).toBe('disk-full');
      rmSync(filler);
      const after = await studio['project.open']({ projectId: s.id });
      expect(after.name).toBe('Before');
      expect(after.history).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Rename project' });
      expect(after.windows[0].takes).toEqual([]);
      const retry = await studio['jobs.retry']({ jobId: jobIds[0] });
      await studio.idle();
      expect((await studio['jobs.list']()).find((j) => j.id === retry.jobId)!.status).toBe('done');
      expect((await studio['project.open']({ projectId: s.id })).windows[0].takes).toHaveLength(1);
      await studio.dispose();
    } finally {
      execFileSync('umount', [lib]);
    }
  });
});
