// The library commands as a user runs them (`npm run cli -- projects|generate|export`, a real process on a
// real SQLite library): takes generated from the command line are in the library the editor reads, and the
// export is the video with a soundtrack exactly as long as it.
import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export';
import type { ProjectListing } from '../../src/cli/commands/projects';
import { createStudio } from '../../src/main/service';
import { tempDir } from '../inference/frames/media';
import { interruptWhileDecoding } from './interrupt';
import { SAMPLE_VIDEO } from '../fixtures/paths';

const run = promisify(execFile);
const SAMPLE = SAMPLE_VIDEO;
const MODELS = resolve('resources/models');
const root = tempDir('library-cli');
const library = join(root, 'library');
const ids = { main: '', untaken: '', missing: '' };
let windowCount = 0;

/** Runs `node --import tsx src/cli/main.ts ...` and returns exit code and output. */
async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      maxBuffer: 1 << 24,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

async function durations(file: string): Promise<string[][]> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,duration',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(stdout) as { streams: { codec_type: string; duration: string }[] }).streams.map((s) => [
    s.codec_type,
    s.duration,
  ]);
}

beforeAll(async () => {
  // The editor's side: open videos into the library, as the desktop app or `npm run web` would.
  const studio = createStudio({
    libraryDir: library,
    bundleDirs: [MODELS],
    mediaUrl: (f) => pathToFileURL(f).href,
  });
  try {
    const main = await studio['project.openVideo']({ path: SAMPLE });
    const split = await studio['project.setPlan']({
      projectId: main.id,
      windowSamples: 2 * 32000,
      overlapSamples: 16000,
    });
    windowCount = split.windows.length;
    ids.main = main.id;
    copyFileSync(SAMPLE, join(root, 'untaken.mp4'));
    ids.untaken = (await studio['project.openVideo']({ path: join(root, 'untaken.mp4') })).id;
    copyFileSync(SAMPLE, join(root, 'gone.mp4'));
    ids.missing = (await studio['project.openVideo']({ path: join(root, 'gone.mp4') })).id;
  } finally {
    await studio.dispose();
  }
  rmSync(join(root, 'gone.mp4'));
});

describe('library commands', () => {
  it('generate makes takes in the library, projects lists them, export writes the video with its soundtrack', async () => {
    expect(windowCount).toBeGreaterThan(1);
    const first = await cli([
      'generate',
      ids.main,
      '--window',
      '1',
      '--window',
      '2',
      '--library',
      library,
      '--json',
    ]);
    expect(first.code).toBe(0);
    const made = JSON.parse(first.stdout) as {
      takes: { window: number; takeId: string; selected: boolean }[];
    };
    expect(made.takes.map((t) => [t.window, t.selected])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(first.stderr).toContain('window 1 of');
    // The project's bundle is the untrained test bundle: one warning line says its output is noise.
    expect(first.stderr.split('\n').filter((l) => l.includes('untrained'))).toEqual([
      'warning: model "Tiny untrained model (for tests; output is noise)" (tiny-untrained) is untrained: its output is noise. Convert a released checkpoint with `convert` for real music.',
    ]);

    const partial = await cli(['export', ids.main, '-o', join(root, 'early.mp4'), '--library', library]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(
      `no take in project "vidmuse-sample" (${windowCount} window(s)); run \`generate ${ids.main}\``,
    );

    const rest = await cli(['generate', ids.main, '--library', library, '--json']);
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout).takes).toHaveLength(windowCount);

    const listed = await cli(['projects', '--json'], { VIDMUSE_LIBRARY: library });
    expect(listed.code).toBe(0);
    const projects = JSON.parse(listed.stdout) as ProjectListing[];
    expect(projects.map((p) => p.id).sort()).toEqual(Object.values(ids).sort());
    const p = projects.find((x) => x.id === ids.main)!;
    expect(p).toMatchObject({
      videoPath: SAMPLE,
      durationSeconds: 5.1,
      missingVideo: false,
      takeCount: windowCount + 2,
      selectedCount: windowCount,
    });
    expect(p.windows.map((w) => w.takes.length)).toEqual(p.windows.map((_, i) => (i < 2 ? 2 : 1)));
    expect(p.windows[0]!.selectedTakeId).toBe(made.takes[0]!.takeId);
    expect(projects.find((x) => x.id === ids.missing)).toMatchObject({ missingVideo: true, takeCount: 0 });

    const out = tempDir('library-cli-out');
    const exported = await cli([
      'export',
      ids.main,
      '-o',
      join(out, 'scored.mp4'),
      '--loudness=-16',
      '--library',
      library,
      '--json',
    ]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      output: join(out, 'scored.mp4'),
      format: 'mp4',
      durationSeconds: 5.1,
      loudnessTarget: -16,
    });
    expect(exported.stderr).toMatch(/encode +\[/);
    expect(await durations(join(out, 'scored.mp4'))).toEqual([
      ['video', '5.100000'],
      ['audio', '5.100000'],
    ]);
    expect(readdirSync(out)).toEqual(['scored.mp4']);
  });

  it('projects prints a readable list', async () => {
    const r = await cli(['projects', '--library', library]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `${ids.untaken}  untaken  5.10 s  1 window(s), 0 take(s), 0/1 window(s) with a selected take\n    ${join(root, 'untaken.mp4')}\n`,
    );
    expect(r.stdout).toContain(
      `${ids.main}  vidmuse-sample  5.10 s  ${windowCount} window(s), ${windowCount + 2} take(s), ${windowCount}/${windowCount}`,
    );
    expect(r.stdout).toContain(`${join(root, 'gone.mp4')} [video missing]`);
  });

  it('stops generating on Ctrl-C: exit 1, no take recorded, no temporary file left', async () => {
    const { code, stderr } = await interruptWhileDecoding(['generate', ids.untaken, '--library', library]);
    expect([code, stderr]).toEqual([1, expect.stringContaining('error: Cancelled')]);
    const listed = JSON.parse(
      (await cli(['projects', '--json', '--library', library])).stdout,
    ) as ProjectListing[];
    expect(listed.find((p) => p.id === ids.untaken)).toMatchObject({ takeCount: 0 });
    expect(readdirSync(join(library, 'files', 'tmp'))).toEqual([]);
  });

  it('stops an export on Ctrl-C through jobs.cancel and leaves no output', async () => {
    const out = tempDir('library-cli-out');
    const abort = new AbortController();
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      if (String(chunk).includes('encode')) abort.abort();
      return write(chunk);
    });
    try {
      const run = exportCommand.run(
        [ids.main, '-o', join(out, 'cut.mp4'), '--library', library],
        abort.signal,
      );
      await expect(run).rejects.toThrow('Cancelled');
    } finally {
      spy.mockRestore();
    }
    expect(abort.signal.aborted).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });

  it.each([
    [
      'an unknown project',
      ['export', 'no-such-project', '-o', 'x.mp4'],
      'No project "no-such-project" in the library',
    ],
    [
      'a window without a take',
      ['export', 'UNTAKEN', '-o', 'x.wav'],
      'Window 1 has no take in project "untaken"',
    ],
    [
      'a missing video',
      ['export', 'MISSING', '-o', 'x.flac'],
      'gone.mp4) is missing; move it back or relink',
    ],
    [
      'generate with an unknown project',
      ['generate', 'no-such-project'],
      'No project "no-such-project" in the library',
    ],
    ['a window number past the end', ['generate', 'UNTAKEN', '--window', '99'], 'there is no window 99'],
  ])('fails with exit 1 and a clear message on %s, writing nothing', async (_, args, message) => {
    const out = tempDir('library-cli-out');
    const argv = args.map((a) => (a === 'UNTAKEN' ? ids.untaken : a === 'MISSING' ? ids.missing : a));
    const r = await cli([...argv, '--library', library], { INIT_CWD: out });
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining(message)]);
    expect(readdirSync(out)).toEqual([]);
  });

  it.each([
    [['export', '-o', 'x.mp4'], 'no project id given'],
    [['export', 'id'], '-o <output> is required'],
    [['export', 'id', '-o', 'x.avi'], 'output must end in .mp4, .wav or .flac'],
    [['export', 'id', '-o', 'x.mp4', '--loudness=-3'], '--loudness must be between -40 and -5 LUFS'],
    [['generate', 'id', '--window', '0'], '--window takes a window number from 1'],
    [['projects', 'extra'], 'unexpected argument "extra"'],
    [['projects', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('rejects bad usage %j with exit code 2', async (args, message) => {
    const r = await cli([...args, '--library', library]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`usage: npm run cli -- ${args[0]}`);
  });
});
