// Continuous seams in the editor's project path, with the shipped tiny bundle in a real inference host: takes
// that continued the selected take of the window before play as one decode of the joined codes; switching the
// left take turns the seam into a crossfade and back; a missing codes file crossfades and says why.
import { readFileSync, renameSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { projectSeamStates, renderProjectMusic } from '../../../src/main/service/project-music';
import { tempDir } from '../synth-media';
import { TINY_BUNDLE, tinyEngine, tinyStudio, maxAbsDiff } from './tiny-engine';
import { copySample } from './helpers';

const tmp = tempDir('continuous-seams');
const engine = tinyEngine(tmp.dir);
const studio = tinyStudio(tmp.dir, engine);
afterAll(async () => {
  await studio.dispose();
  await engine.dispose();
  tmp.remove();
});

describe('continuous seams in a project', () => {
  it('renders a continued chain as one decode, crossfades a switched left take, and says why', async () => {
    const ctx = studio.context;
    const src = { db: ctx.db, files: ctx.files, bundleDirs: [TINY_BUNDLE], decoder: engine.decoder };
    let s = await studio['project.openVideo']({ path: copySample(tmp.dir) });
    expect(s.params.continuation).toBe(true);
    s = await studio['project.setPlan']({ projectId: s.id, windowSamples: 64000, overlapSamples: 16000 });
    expect(s.windows).toHaveLength(4);
    await studio['generate.windows']({ projectId: s.id, windowIndices: null });
    await studio.idle();
    s = await studio['project.open']({ projectId: s.id });
    const states = projectSeamStates(src, s.id);
    expect(states).toEqual(
      [48000, 96000, 144000].map((b) => ({ kind: 'continuous', splitSample: b + 16000 })),
    );

    // One decode of the concatenated codes: window 0's, then each later take's after its 25-frame prompt.
    const codesOf = (w: number, t = 0) => {
      const hash = s.windows[w]!.takes[t]!;
      const row = ctx.db.prepare('SELECT codes_hash FROM takes WHERE id = ?').get(hash.id) as {
        codes_hash: string;
      };
      const b = readFileSync(ctx.files.path(row.codes_hash, 'i32'));
      return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const total = Math.ceil(s.totalSamples / 640);
    const joined = new Int32Array(4 * total);
    let at = 0;
    for (let w = 0; w < 4; w++) {
      const c = codesOf(w);
      const frames = c.length / 4;
      const skip = w === 0 ? 0 : 25;
      for (let k = 0; k < 4; k++) joined.set(c.subarray(k * frames + skip, (k + 1) * frames), k * total + at);
      at += frames - skip;
    }
    expect(at).toBe(total);
    const single = await engine.decoder(
      { bundlePath: TINY_BUNDLE, codes: joined, samples: s.totalSamples },
      {},
    );
    const continuous = await renderProjectMusic(src, s.id);
    expect(maxAbsDiff(continuous, single)).toBeLessThanOrEqual(1e-5);

    // A second take of window 0, selected: window 1's take continued the first one, so that seam crossfades;
    // selecting the first take again makes it continuous, and the render is the same as before.
    await studio['generate.windows']({ projectId: s.id, windowIndices: [0] });
    await studio.idle();
    s = await studio['project.open']({ projectId: s.id });
    const w0 = s.windows[0]!;
    const [first, second] = w0.takes.map((t) => t.id);
    s = await studio['take.select']({ projectId: s.id, windowId: w0.id, takeId: second! });
    expect(projectSeamStates(src, s.id)[0]).toEqual({ kind: 'crossfade', reason: 'left-changed' });
    const switched = await renderProjectMusic(src, s.id);
    expect(maxAbsDiff(switched, continuous)).toBeGreaterThan(1e-3);
    s = await studio['take.select']({ projectId: s.id, windowId: w0.id, takeId: first! });
    expect(projectSeamStates(src, s.id)[0]!.kind).toBe('continuous');
    expect(maxAbsDiff(await renderProjectMusic(src, s.id), continuous)).toBe(0);

    // A missing codes file: the seams of that take crossfade, nothing else changes, and the render still works.
    const row = ctx.db
      .prepare('SELECT codes_hash FROM takes WHERE id = ?')
      .get(s.windows[2]!.takes[0]!.id) as {
      codes_hash: string;
    };
    const file = ctx.files.path(row.codes_hash, 'i32');
    renameSync(file, `${file}.away`);
    try {
      expect(projectSeamStates(src, s.id).map((x) => (x.kind === 'crossfade' ? x.reason : x.kind))).toEqual([
        'continuous',
        'codes-missing',
        'codes-missing',
      ]);
      // The editor sees it on the seams, and playback still plays every window.
      const shown = await studio['project.open']({ projectId: s.id });
      expect(shown.seams.map((x) => x.continuity)).toEqual([
        { kind: 'continuous', splitSample: 64000 },
        { kind: 'crossfade', reason: 'codes-missing' },
        { kind: 'crossfade', reason: 'codes-missing' },
      ]);
      const mix = await studio['music.playback']({ projectId: s.id });
      expect(mix.clips.map((c) => [c.firstWindow, c.lastWindow, c.url !== null])).toEqual([
        [0, 1, true],
        [2, 2, true],
        [3, 3, true],
      ]);
      const partly = await renderProjectMusic(src, s.id);
      expect(partly.length).toBe(s.totalSamples);
      // Windows 0 and 1 are still one decode: the first 48000 samples (before the crossfade) match.
      expect(maxAbsDiff(partly.subarray(0, 48000), continuous.subarray(0, 48000))).toBeLessThanOrEqual(1e-5);
    } finally {
      renameSync(`${file}.away`, file);
    }
  });
});
