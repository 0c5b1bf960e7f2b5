// One scoring pipeline: `npm run cli -- score` (a real process) and the editor's path (the studio API with the
// inference host, as the app runs it) turn the same video, settings and seed into byte-identical codes for
// every window and a byte-identical exported WAV; the score's temporary library is removed afterwards.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHost } from '../../src/inference';
import { createInferenceGenerator } from '../../src/main/bridge/inference-generator';
import { createStudio, type Studio } from '../../src/main/service';
import { plainExport } from '../../src/shared/export';
import { tempDir, testVideo } from '../inference/frames/media';
import { makeTinyBundle } from '../inference/pipeline/tiny-bundle';

const run = promisify(execFile);
const root = tempDir('score-parity');
const video = join(root, 'clip.mp4');
const SEED = 7;
let model = '';

/** The selected take's codes of every window, as the studio's library stores them. */
async function selectedCodes(studio: Studio, projectId: string): Promise<Buffer[]> {
  const s = await studio['project.get']({ projectId });
  const db = studio.context.db;
  return s.windows.map((w) => {
    const row = db.prepare('SELECT codes_hash FROM takes WHERE id = ?').get(w.selectedTakeId) as {
      codes_hash: string;
    };
    return readFileSync(studio.context.files.path(row.codes_hash, 'i32'));
  });
}

/** A studio over `library` that reads it (no inference). */
const reader = (library: string): Studio =>
  createStudio({ libraryDir: library, bundleDirs: [model], mediaUrl: (f) => pathToFileURL(f).href });

beforeAll(async () => {
  model = await makeTinyBundle();
  testVideo(video, 12, '64x48', 5);
});

describe('score and the editor', () => {
  it('make the same codes and the same WAV from the same video, settings and seed', async () => {
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    const cliLibrary = join(root, 'cli-library');
    const cliOut = join(root, 'cli.wav');
    const args = ['src/cli/main.ts', 'score', video, '-o', cliOut, '--model', model, '--cache'];
    const flags = ['--window', '5', '--overlap', '1', '--seed', String(SEED), '--json'];
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const r = await run(tsx, [...args, join(root, 'cli-cache'), ...flags, '--library', cliLibrary], {
      maxBuffer: 1 << 24,
      env: { ...process.env, TMPDIR: tmp },
    });
    const summary = JSON.parse(r.stdout) as { project: string; windows: unknown[]; continuousSeams: number };
    expect(summary.windows).toHaveLength(3);
    expect(summary.continuousSeams).toBe(2);

    // The editor: a project in its own library, the same settings, Generate all, then Export.
    const editorOut = join(root, 'editor.wav');
    const engine = createInferenceGenerator(() => startWorkerHost(), join(root, 'editor-cache'));
    const editor = createStudio({
      libraryDir: join(root, 'editor-library'),
      bundleDirs: [model],
      mediaUrl: (f) => pathToFileURL(f).href,
      generator: engine.generator,
      decoder: engine.decoder,
    });
    try {
      let s = await editor['project.openVideo']({ path: video });
      s = await editor['project.setParams']({ projectId: s.id, params: { seed: SEED } });
      s = await editor['project.setPlan']({ projectId: s.id, windowSamples: 160000, overlapSamples: 32000 });
      await editor['generate.windows']({ projectId: s.id, windowIndices: null });
      await editor.idle();
      await editor['export.start']({ projectId: s.id, options: plainExport('wav', editorOut) });
      await editor.idle();
      const cli = reader(cliLibrary);
      try {
        const [a, b] = [await selectedCodes(cli, summary.project), await selectedCodes(editor, s.id)];
        expect(a).toHaveLength(3);
        a.forEach((codes, i) => expect(codes.equals(b[i]!), `window ${i + 1} codes`).toBe(true));
      } finally {
        await cli.dispose();
      }
    } finally {
      await editor.dispose();
      await engine.dispose();
    }
    expect(readFileSync(cliOut).equals(readFileSync(editorOut))).toBe(true);
  });

  it('removes the temporary library of a score without --library', async () => {
    const tmp = join(root, 'tmp-2');
    mkdirSync(tmp);
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const out = join(root, 'plain.wav');
    await run(
      tsx,
      ['src/cli/main.ts', 'score', video, '-o', out, '--model', model, '--cache', join(root, 'c')],
      {
        maxBuffer: 1 << 24,
        env: { ...process.env, TMPDIR: tmp },
      },
    );
    expect(readFileSync(out).length).toBeGreaterThan(44);
    expect(readdirSync(tmp).filter((f) => f.startsWith('vidmuse-score-'))).toEqual([]);
  });
});
