// Runs the CLI as a real process and sends Ctrl-C (to its whole process group) once it starts decoding.
import { spawn } from 'node:child_process';

/** Exit code and stderr of `node --import tsx src/cli/main.ts <args>` interrupted during decoding. */
export async function interruptWhileDecoding(
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  // Plain node with tsx's loader: the tsx CLI's own signal relay gives a busy child only 30 ms to answer.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { detached: true });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (!sent && stderr.includes('decode')) {
      sent = true;
      process.kill(-child.pid!, 'SIGINT');
    }
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, stderr };
}
