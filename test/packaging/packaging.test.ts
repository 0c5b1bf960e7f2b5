// Packs the app with electron-builder exactly as `npm run dist` configures it, for linux-x64 into a
// folder (--dir), with a stand-in Electron binary and no native rebuild (neither can be downloaded
// here), and checks the packed layout. Run by `npm run test:packaging`, which builds and installs packaging/.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsarEntry } from './asar-header';
import { listAsar } from './asar-header';

const repo = path.resolve(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vidmuse-pack-'));
const resources = path.join(tmp, 'out', 'linux-unpacked', 'resources');
const ffmpegDir = path.join(tmp, 'ffmpeg-build');
const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';
let entries: AsarEntry[] = [];

/** Files under `dir`, relative, sorted ('/' separators); [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out.push(`${prefix}${name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

beforeAll(async () => {
  if (!existsSync(path.join(repo, 'dist', 'electron', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` before this test');
  const electronDist = path.join(tmp, 'electron-dist');
  mkdirSync(electronDist);
  mkdirSync(ffmpegDir);
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  // Stand-ins for the static ffmpeg/ffprobe builds a release puts in build/ffmpeg/<os>-<arch>/.
  for (const tool of ['ffmpeg', 'ffprobe']) {
    writeFileSync(path.join(ffmpegDir, tool), `#!/bin/sh\necho "stand-in ${tool}"\n`);
    chmodSync(path.join(ffmpegDir, tool), 0o755);
  }
  const cli = path.join(repo, 'packaging', 'node_modules', 'electron-builder', 'cli.js');
  if (!existsSync(cli)) throw new Error('packaging/ is not installed: run `npm run packaging:install`');
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      '--linux',
      '--dir',
      '--x64',
      '--projectDir',
      repo,
      '--config',
      'build/electron-builder.config.cjs',
      '-c.npmRebuild=false',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${path.join(tmp, 'out')}`,
    ],
    { cwd: repo, maxBuffer: 64 << 20, env: { ...process.env, CI: 'true', VIDMUSE_FFMPEG_DIR: ffmpegDir } },
  );
  entries = listAsar(path.join(resources, 'app.asar'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const paths = () => entries.map((e) => e.path);
const entry = (p: string) => entries.find((e) => e.path === p);

describe('electron-builder --linux --dir', () => {
  it('packs the built app and its package.json into app.asar', () => {
    expect(existsSync(path.join(tmp, 'out', 'linux-unpacked', 'vidmuse-studio'))).toBe(true);
    for (const p of [
      'package.json',
      'dist/electron/main.js',
      'dist/electron/preload.cjs',
      'dist/electron/inference-host.cjs',
      'dist/renderer/index.html',
    ])
      expect(entry(p), p).toEqual({ path: p, unpacked: false });
  });
  it('ships no sources, tests, benchmarks, tooling or source maps', () => {
    const own = paths().filter((p) => !p.startsWith('node_modules/'));
    expect(
      own.filter((p) => /^(src|test|bench|electron|scripts|build|resources|shared|\.ci)\//.test(p)),
    ).toEqual([]);
    expect(own.filter((p) => !p.startsWith('dist/') && p !== 'package.json')).toEqual([]);
    expect(paths().filter((p) => /\.(ts|map)$/.test(p))).toEqual([]);
    expect(own.filter((p) => p.startsWith('dist/web/'))).toEqual([]);
  });
  it('unpacks the native modules from the asar', () => {
    const natives = [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      `${ORT}/linux/x64/onnxruntime_binding.node`,
      `${ORT}/linux/x64/libonnxruntime.so.1`,
    ];
    for (const p of natives) {
      expect(entry(p), p).toEqual({ path: p, unpacked: true });
      expect(statSync(path.join(resources, 'app.asar.unpacked', p)).size, p).toBeGreaterThan(0);
    }
    expect(paths().filter((p) => p.endsWith('.node') && !entry(p)?.unpacked)).toEqual([]);
  });
  it("leaves out other platforms' onnxruntime binaries and better-sqlite3's build leftovers", () => {
    const ort = paths().filter((p) => p.startsWith(`${ORT}/`));
    expect(ort.filter((p) => !p.startsWith(`${ORT}/linux/x64/`))).toEqual([]);
    expect(filesUnder(path.join(resources, 'app.asar.unpacked', ORT)).sort()).toEqual([
      'linux/x64/libonnxruntime.so.1',
      'linux/x64/onnxruntime_binding.node',
    ]);
    expect(paths().filter((p) => /better-sqlite3\/(deps|src)\/|test_extension|obj\.target/.test(p))).toEqual(
      [],
    );
  });
  it('ships every model bundle of resources/models as resources/models', () => {
    const models = filesUnder(path.join(repo, 'resources', 'models'));
    expect(models).toContain('tiny-untrained/model.json');
    expect(filesUnder(path.join(resources, 'models'))).toEqual(models);
    expect(paths().filter((p) => p.includes('resources/models'))).toEqual([]);
  });
  it('ships the static ffmpeg and ffprobe of build/ffmpeg/<os>-<arch> as resources/ffmpeg, executable', () => {
    expect(filesUnder(path.join(resources, 'ffmpeg'))).toEqual(['ffmpeg', 'ffprobe']);
    for (const tool of ['ffmpeg', 'ffprobe'])
      expect(statSync(path.join(resources, 'ffmpeg', tool)).mode & 0o111, tool).not.toBe(0);
  });
});
