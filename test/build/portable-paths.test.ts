// A clone in any folder must pass its own tests: no tracked file may name an absolute folder of a build
// machine, or a folder beside the checkout (`../shared/…`), which a user's clone does not have.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Built from pieces so that this file does not match itself.
const machineRoots = ['work', 'root', 'home', 'Users', 'mnt', 'opt'].map((d) => `/${d}/`);
const forbidden = [
  new RegExp(`(^|[\\s'"\`(=:])(${machineRoots.map((r) => r.replace(/\//g, '\\/')).join('|')})[\\w.-]`),
  new RegExp(`\\.\\./${'shared'}/(fixtures|tools|design|notes|hooks)\\b`),
  /[A-Z]:\\\\Users\\\\/,
];

// Files whose content is data, not text we write.
const skipped = [/^package-lock\.json$/, /\.(onnx|bin|npy|safetensors|mp4|wav|png|ico|icns|data)$/];

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !skipped.some((re) => re.test(f)));
}

describe('portable paths', () => {
  it('no tracked file names a machine folder or a folder outside the repository', () => {
    const offending: string[] = [];
    for (const file of trackedFiles()) {
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (forbidden.some((re) => re.test(line)))
          offending.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('catches the kinds of path it is meant to catch', () => {
    const bad = [
      `const X = '${machineRoots[0]}shared/fixtures/a.mp4';`,
      `path.resolve('../${'shared'}/fixtures/media')`,
      `see ${machineRoots[2]}me/video.mp4`,
    ];
    const good = [
      "const X = path.join(FIXTURES_DIR, 'a.mp4');",
      'import x from "../../shared/errors";',
      'a /tmp/x',
    ];
    expect(bad.map((l) => forbidden.some((re) => re.test(l)))).toEqual([true, true, true]);
    expect(good.map((l) => forbidden.some((re) => re.test(l)))).toEqual([false, false, false]);
  });
});
