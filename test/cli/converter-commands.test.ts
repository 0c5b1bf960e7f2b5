import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatLine } from '../../src/cli/progress-bar';
import { FIXTURE, tmpDir } from '../inference/convert/helpers';

const run = promisify(execFile);

/** Runs `npm run cli -- ...` as a user would (tsx entry) and returns exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
  try {
    const r = await run(tsx, ['src/cli/main.ts', ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('cli convert and reference-check', () => {
  it('convert writes a bundle and shows progress on stderr', async () => {
    const out = path.join(tmpDir('cli'), 'bundle');
    const r = await cli(
      'convert',
      '--lm',
      path.join(FIXTURE, 'lm/state_dict.bin'),
      '--codec',
      path.join(FIXTURE, 'codec'),
      '--out',
      out,
      '--fp16',
      '--untrained',
      '--decoder-variants',
      'fp32,q8',
    );
    expect(r.code).toBe(0);
    const [wrote, gate, fp32, q8, chosen] = r.stdout.trimEnd().split('\n');
    expect(wrote).toMatch(new RegExp(`^wrote ${out}: 7 graphs, [0-9.]+ MB, [0-9.]+ s$`));
    expect(gate).toBe('precision gate (relative RMS ≤ 5 %, agreement ≥ 90 % over 260 positions):');
    expect(fp32).toBe('  fp32  logits error 0.00 %, greedy agreement 100.0 %');
    expect(q8).toMatch(
      /^ {2}q8 {4}logits error [0-9.]+ %, greedy agreement [0-9.]+ %( \(fails the gate\))?$/,
    );
    expect(r.stderr).toMatch(/convert +\[#+\] 100%/);
    expect(r.stderr).toMatch(/verify +\[#+\] 100%/);
    expect(r.stderr).toMatch(/gate +\[#+\] 100% 3\/3 decoder precision/);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8'));
    expect(chosen).toBe(`default decoder precision: ${m.precision.default}`);
    expect(m.trained).toBe(false);
    expect(m.id).toBe('vidmuse-64x2-fp16');
  });

  it('convert explains bad arguments (exit 2) and bad files (exit 1)', async () => {
    const usage = await cli('convert', '--lm', 'x');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(
      'error: --lm, --codec and --out are required\nusage: npm run cli -- convert --lm <state_dict.bin>',
    );
    const missing = await cli(
      'convert',
      '--lm',
      '/nonexistent/state_dict.bin',
      '--codec',
      path.join(FIXTURE, 'codec'),
      '--out',
      path.join(tmpDir('cli'), 'o'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error: /nonexistent/state_dict.bin: no such file');
    const variants = await cli(
      'convert',
      '--lm',
      'a',
      '--codec',
      'b',
      '--out',
      'c',
      '--decoder-variants',
      'fp32,q3',
    );
    expect(variants.code).toBe(2);
    expect(variants.stderr).toContain(
      'error: --decoder-variants takes a comma-separated list of fp32, q8, q4',
    );
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('reference-check prints the error table and exits 0 on the fixture set', async () => {
    const r = await cli('reference-check', FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^provider: cpu \(requested\)\ncheck +max abs error +tolerance +result/);
    expect(r.stdout).toMatch(/\ngen_codes +equal +exact +PASS\n/);
    expect(r.stdout).toMatch(/all 27 checks passed\n$/);
  });

  it('formats a progress line with bar, percent, megabytes and ETA', () => {
    expect(formatLine({ stage: 'convert', done: 5e6, total: 10e6, etaSeconds: 3.2 }, 0.5, 'bytes')).toBe(
      'convert  [##############..............]  50% 5.0/10.0 MB eta 4s',
    );
  });
});
