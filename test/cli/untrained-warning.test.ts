// The command line warns once, on stderr, when it scores with an untrained bundle; a trained one scores quietly.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { untrainedWarning } from '../../src/cli/untrained-warning';
import { SAMPLE_VIDEO } from '../fixtures/paths';
import { tempDir } from '../inference/frames/media';

const run = promisify(execFile);
const TINY = join(process.cwd(), 'resources/models/tiny-untrained');
const LINE =
  'warning: model "Tiny untrained model (for tests; output is noise)" (tiny-untrained) is untrained: its output is noise. Convert a released checkpoint with `convert` for real music.';

async function score(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'score', ...args], {
      maxBuffer: 1 << 24,
    });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stderr: string };
    return { code: x.code, stderr: x.stderr };
  }
}

const warnings = (stderr: string) => stderr.split(/[\r\n]+/).filter((l) => l.startsWith('warning:'));

describe('untrained bundle warning', () => {
  it('is one line for an untrained bundle and nothing for a trained one', () => {
    expect(
      untrainedWarning({
        id: 'tiny-untrained',
        name: 'Tiny untrained model (for tests; output is noise)',
        trained: false,
      }),
    ).toBe(`${LINE}\n`);
    expect(untrainedWarning({ id: 'vidmuse-fp32', name: 'VidMuse', trained: true })).toBe('');
    expect(untrainedWarning(null)).toBe('');
  });

  it('prints the line once when score uses the shipped untrained bundle, and not for a trained bundle', async () => {
    const out = tempDir('untrained-out');
    const cache = tempDir('untrained-cache');
    const untrained = await score([SAMPLE_VIDEO, '-o', join(out, 'a.wav'), '--cache', cache]);
    expect(untrained.code, untrained.stderr).toBe(0);
    expect(warnings(untrained.stderr)).toEqual([LINE]);

    // The same weights with a manifest that says trained: no warning.
    const trained = join(tempDir('trained-bundle'), 'bundle');
    cpSync(TINY, trained, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(trained, 'model.json'), 'utf8')) as { trained: boolean };
    writeFileSync(join(trained, 'model.json'), JSON.stringify({ ...manifest, trained: true }, null, 1));
    const quiet = await score([SAMPLE_VIDEO, '-o', join(out, 'b.wav'), '--cache', cache, '--model', trained]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(warnings(quiet.stderr)).toEqual([]);
  });
});
