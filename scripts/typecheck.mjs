// Type-checks every process against its own tsconfig through the solution file tsconfig.json (tsc -b):
// shared (no node, no DOM), node (main, inference, cli, tests), electron (against electron's own .d.ts),
// dom-tests (e2e and renderer tests), renderer (its .ts files); then svelte-check for the renderer's
// components. tsc -b is incremental: its build info lies in .cache/tsc, so an unchanged project is skipped.
import { spawnSync } from 'node:child_process';

const steps = [
  ['tsc', ['-b']],
  [
    'svelte-check',
    ['--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings', '--threshold', 'warning'],
  ],
];
let failed = false;
for (const [bin, args] of steps) {
  const started = Date.now();
  const r = spawnSync('npx', ['--no-install', bin, ...args], { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`typecheck ${bin} ${args.join(' ')}: ${r.status === 0 ? 'ok' : 'FAILED'} (${secs} s)`);
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
