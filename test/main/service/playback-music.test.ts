// What playback hears is what export renders, with the shipped tiny bundle in a real inference host: the clips
// main serves for playback (a run of continuous windows as one decode, a window alone as its take), mixed by
// the renderer's playback plan, equal the export's mixdown before loudness, with one continuous and one
// crossfaded seam; decoded runs are cached, so switching one take decodes only the run it changed.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderProjectMusic } from '../../../src/main/service/project-music';
import { playbackPlan } from '../../../src/renderer/lib/playback-plan';
import type { PlaybackMix, ProjectState } from '../../../src/shared/domain';
import { mixdown } from '../../../src/shared/timeline/mixdown';
import { parseWav } from '../../../src/shared/timeline/wav';
import { tempDir } from '../synth-media';
import { tinyEngine, tinyStudio, maxAbsDiff } from './tiny-engine';
import { copySample } from './helpers';

const tmp = tempDir('playback-music');
const engine = tinyEngine(tmp.dir);
const studio = tinyStudio(tmp.dir, engine);
afterAll(async () => {
  await studio.dispose();
  await engine.dispose();
  tmp.remove();
});

// The tests' transport serves media-test://<file>; the renderer reads each clip with its own WAV reader.
const fetchPcm = (url: string): Float32Array => {
  const file = decodeURIComponent(url.slice('media-test://'.length));
  const b = readFileSync(file);
  return parseWav(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)).samples;
};
const heard = (s: ProjectState, mix: PlaybackMix): Float32Array => mixdown(playbackPlan(s, mix, fetchPcm));
const kinds = (s: ProjectState) => s.seams.map((x) => x.continuity.kind);

async function generate(projectId: string, windowIndices: number[] | null): Promise<ProjectState> {
  await studio['generate.windows']({ projectId, windowIndices });
  await studio.idle();
  return studio['project.open']({ projectId });
}

describe('playback music', () => {
  it('equals the export mixdown before loudness and decodes only the runs an edit changed', async () => {
    const runs = studio.context.music.runs;
    let s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
    s = await generate(s.id, null);
    expect(kinds(s)).toEqual(['continuous', 'continuous', 'continuous']);
    const whole = await studio['music.playback']({ projectId: s.id });
    expect(whole.clips.map((c) => [c.firstWindow, c.lastWindow])).toEqual([[0, 3]]);
    expect(runs.decodes).toBe(1);
    // The run's WAV is one a transport may serve while the project is open.
    const runFile = decodeURIComponent(whole.clips[0]!.url!.slice('media-test://'.length));
    expect(studio.isAllowedFile(runFile)).toBe(true);
    expect(maxAbsDiff(heard(s, whole), await renderProjectMusic(studio.context.music, s.id))).toBe(0);
    expect(runs.decodes).toBe(1);

    // A new take of window 1 (continuing window 0's take), selected: seam 1 crossfades, runs [0, 1] and [2, 3].
    s = await generate(s.id, [1]);
    s = await studio['take.select']({
      projectId: s.id,
      windowId: s.windows[1]!.id,
      takeId: s.windows[1]!.takes[1]!.id,
    });
    s = await studio['seam.set']({
      projectId: s.id,
      seamId: s.seams[1]!.id,
      lengthSamples: 9601,
      curve: 's-curve',
    });
    expect(kinds(s)).toEqual(['continuous', 'crossfade', 'continuous']);
    expect(s.seams[1]!.continuity).toEqual({ kind: 'crossfade', reason: 'left-changed' });
    const split = await studio['music.playback']({ projectId: s.id });
    expect(split.clips.map((c) => [c.firstWindow, c.lastWindow])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(split.crossfades).toEqual([1]);
    expect(runs.decodes).toBe(3);
    const exported = await renderProjectMusic(studio.context.music, s.id);
    expect(maxAbsDiff(heard(s, split), exported)).toBeLessThanOrEqual(1e-5);
    expect(runs.decodes).toBe(3);

    // Switching window 3 to a new take decodes run [2, 3] again and nothing else.
    s = await generate(s.id, [3]);
    const w3 = s.windows[3]!;
    s = await studio['take.select']({ projectId: s.id, windowId: w3.id, takeId: w3.takes[1]!.id });
    expect(kinds(s)).toEqual(['continuous', 'crossfade', 'continuous']);
    const switched = await studio['music.playback']({ projectId: s.id });
    expect(runs.decodes).toBe(4);
    expect(
      maxAbsDiff(heard(s, switched), await renderProjectMusic(studio.context.music, s.id)),
    ).toBeLessThanOrEqual(1e-5);
    // Switching back decodes nothing: both runs are cached.
    s = await studio['take.select']({ projectId: s.id, windowId: w3.id, takeId: w3.takes[0]!.id });
    expect(heard(s, await studio['music.playback']({ projectId: s.id }))).toEqual(heard(s, split));
    expect(runs.decodes).toBe(4);

    // Auditioning window 1's first take plays the whole chain as one run again (cached: no decode).
    const audition = [{ windowId: s.windows[1]!.id, takeId: s.windows[1]!.takes[0]!.id }];
    const auditioned = await studio['music.playback']({ projectId: s.id, audition });
    expect(auditioned.clips.map((c) => [c.firstWindow, c.lastWindow])).toEqual([[0, 3]]);
    expect(runs.decodes).toBe(4);
  });
});
