// Type-checks every process against its own tsconfig: shared (no node, no DOM),
// node (main, inference, cli, tests), electron (against electron's own .d.ts), dom-tests (e2e and renderer
// tests), renderer (svelte-check).
import { spawnSync } from 'node:child_process';

const steps = [
  ['tsc', ['-p', 'tsconfig.shared.json']],
  ['tsc', ['-p', 'tsconfig.node.json']],
  ['tsc', ['-p', 'tsconfig.electron.json']],
  // Browser tests and renderer unit tests: Node plus DOM (page.evaluate callbacks run in the page).
  ['tsc', ['-p', 'tsconfig.dom-tests.json']],
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
