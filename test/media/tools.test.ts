import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireTools, toolPath } from '../../src/media/tools';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('toolPath', () => {
  it('runs the programs on the PATH unless VIDMUSE_FFMPEG / VIDMUSE_FFPROBE name others', () => {
    delete process.env.VIDMUSE_FFMPEG;
    delete process.env.VIDMUSE_FFPROBE;
    expect([toolPath('ffmpeg'), toolPath('ffprobe')]).toEqual(['ffmpeg', 'ffprobe']);
    process.env.VIDMUSE_FFMPEG = '/usr/local/x/ffmpeg';
    expect([toolPath('ffmpeg'), toolPath('ffprobe')]).toEqual(['/usr/local/x/ffmpeg', 'ffprobe']);
  });

  it('prefers the build bundled in a packaged app’s resources', () => {
    const resources = mkdtempSync(path.join(tmpdir(), 'vidmuse-resources-'));
    const exe = path.join(resources, 'ffmpeg', process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    process.env.VIDMUSE_FFPROBE = '/elsewhere/ffprobe';
    const proc = process as { resourcesPath?: string };
    proc.resourcesPath = resources;
    try {
      expect(toolPath('ffprobe')).toBe('/elsewhere/ffprobe'); // nothing bundled yet
      mkdirSync(path.dirname(exe));
      writeFileSync(exe, '#!/bin/sh\n');
      chmodSync(exe, 0o755);
      expect(toolPath('ffprobe')).toBe(exe);
    } finally {
      delete proc.resourcesPath;
    }
  });
});

describe('requireTools', () => {
  it('resolves when the tools run', async () => {
    await expect(requireTools(['ffmpeg', 'ffprobe'])).resolves.toBeUndefined();
  });

  it('names every missing tool, its path and how to get it', async () => {
    process.env.VIDMUSE_FFMPEG = '/nonexistent/ffmpeg';
    process.env.VIDMUSE_FFPROBE = '/nonexistent/ffprobe';
    await expect(requireTools(['ffmpeg', 'ffprobe'])).rejects.toMatchObject({
      code: 'missing-tool',
      message: expect.stringMatching(
        /^ffmpeg \(\/nonexistent\/ffmpeg\) and ffprobe \(\/nonexistent\/ffprobe\) are not available: install ffmpeg .* or set VIDMUSE_FFMPEG \/ VIDMUSE_FFPROBE/,
      ),
    });
  });
});
