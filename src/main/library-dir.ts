// Where the library lives unless a flag says otherwise: one folder shared by the desktop app, `npm run web`
// and the CLI, so all three see the same projects. VIDMUSE_LIBRARY moves it (tests, a second library).
import os from 'node:os';
import path from 'node:path';

/** The default library folder: $VIDMUSE_LIBRARY when set, else ~/.vidmuse-studio/library. */
export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.VIDMUSE_LIBRARY?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(os.homedir(), '.vidmuse-studio', 'library');
}
