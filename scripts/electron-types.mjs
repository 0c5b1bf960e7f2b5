// Electron's type declarations for type-checking electron/, without installing Electron: the development
// install runs on Node 20, while the electron package declares Node >= 22.12 (see packaging/). The tarball of
// exactly the version locked in packaging/package-lock.json is fetched from the npm registry (npm's cache
// serves repeats), its integrity checked against the lockfile, and electron.d.ts kept in .cache/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lock = JSON.parse(readFileSync(path.join(root, 'packaging/package-lock.json'), 'utf8'));
const { version, integrity } = lock.packages['node_modules/electron'];
const outDir = path.join(root, '.cache/electron-types');
const out = path.join(outDir, 'electron.d.ts');
const stamp = path.join(outDir, 'version');

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === integrity) process.exit(0);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'electron-types-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(
    execFileSync(npm, ['pack', `electron@${version}`, '--json', '--pack-destination', tmp], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tgz = path.join(tmp, packed[0].filename);
  const [algo, expected] = integrity.split(/-(.*)/s);
  const actual = createHash(algo).update(readFileSync(tgz)).digest('base64');
  if (actual !== expected) throw new Error(`electron@${version}: integrity ${algo}-${actual} != lockfile's`);
  execFileSync('tar', ['-xzf', tgz, '-C', tmp, 'package/electron.d.ts']);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${out}.tmp`, readFileSync(path.join(tmp, 'package/electron.d.ts')));
  renameSync(`${out}.tmp`, out);
  writeFileSync(stamp, integrity);
  console.log(`electron-types: electron@${version} declarations in .cache/electron-types`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
