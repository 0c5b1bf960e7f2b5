// Where ffmpeg and ffprobe come from, for every part of the app: a build bundled in the packaged app's
// resources when present, else $VIDMUSE_FFMPEG / $VIDMUSE_FFPROBE, else the PATH. Commands check the tools
// they need before any work starts, so a missing ffprobe is reported at once, not after minutes of inference.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';

/** The external programs the app runs. */
export type ToolName = 'ffmpeg' | 'ffprobe';

const ENV: Record<ToolName, string> = { ffmpeg: 'VIDMUSE_FFMPEG', ffprobe: 'VIDMUSE_FFPROBE' };

/** Folder of the tools shipped inside a packaged app (`<resources>/ffmpeg`), when this process has one. */
function bundledDir(): string | undefined {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return resources ? path.join(resources, 'ffmpeg') : undefined;
}

/** The executable to run for `name`: bundled, else the environment variable, else the bare name (PATH). */
export function toolPath(name: ToolName): string {
  const dir = bundledDir();
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  if (dir && existsSync(path.join(dir, exe))) return path.join(dir, exe);
  return process.env[ENV[name]] || name;
}

/** How a user gets the tools, per platform (one line). */
export function installHint(): string {
  if (process.platform === 'darwin') return 'install ffmpeg (it includes ffprobe) with `brew install ffmpeg`';
  if (process.platform === 'win32')
    return 'install ffmpeg (it includes ffprobe) with `winget install Gyan.FFmpeg` and open a new terminal';
  return 'install ffmpeg (it includes ffprobe) with `sudo apt-get install ffmpeg` or your distribution’s package';
}

const checked = new Map<string, Promise<boolean>>();

/** Whether `exe -version` runs; cached per executable path for the life of the process. */
function runs(exe: string): Promise<boolean> {
  let p = checked.get(exe);
  if (!p) {
    p = new Promise((resolve) => {
      execFile(exe, ['-version'], { timeout: 15_000, windowsHide: true }, (err) => resolve(!err));
    });
    checked.set(exe, p);
  }
  return p;
}

/** The error for a program that could not be started because it is not there. */
export function missingToolError(exe: string): AppError {
  return new AppError('missing-tool', `${exe} is not installed or not on the PATH: ${installHint()}`);
}

/** Rejects with a 'missing-tool' error naming every tool of `names` that cannot be run, and how to get it. */
export async function requireTools(names: readonly ToolName[]): Promise<void> {
  const paths = names.map((n) => ({ name: n, exe: toolPath(n) }));
  const ok = await Promise.all(paths.map((t) => runs(t.exe)));
  const missing = paths.filter((_, i) => !ok[i]);
  if (missing.length === 0) return;
  const what = missing.map((t) => (t.exe === t.name ? t.name : `${t.name} (${t.exe})`)).join(' and ');
  const vars = missing.map((t) => ENV[t.name]).join(' / ');
  throw new AppError(
    'missing-tool',
    `${what} ${missing.length > 1 ? 'are' : 'is'} not available: ${installHint()}, or set ${vars} to the program’s path`,
  );
}
