// A child-process runner for ffmpeg/ffprobe inside the inference library (which cannot import src/main):
// stdout is streamed to the caller, stderr is kept (tail) for error messages, abort kills the process.
import { spawn } from 'node:child_process';
import { missingToolError } from '../../media/tools';
import { AppError } from '../../shared/errors';
import type { AbortSignalLike } from '../../shared/progress';

/** What a finished process left behind. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Options of runProcess. */
export interface RunProcessOptions {
  signal?: AbortSignalLike;
  /** Receives stdout chunks as they arrive; without it stdout is collected into `stdout`. */
  onStdout?: (chunk: Buffer) => void;
}

const STDERR_KEEP = 16_384;

/** Runs a command to completion; rejects with AppError('cancelled') on abort (the process is killed first). */
export function runProcess(
  command: string,
  args: string[],
  opts: RunProcessOptions = {},
): Promise<ProcessResult & { stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new AppError('cancelled', 'Cancelled'));
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => (opts.onStdout ? opts.onStdout(c) : chunks.push(c)));
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(
        e.code === 'ENOENT'
          ? missingToolError(command)
          : new AppError('internal', `Could not start ${command}: ${e.message}`),
      );
    });
    child.on('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) return reject(new AppError('cancelled', 'Cancelled'));
      resolve({ code, signal: sig, stderr, stdout: Buffer.concat(chunks) });
    });
  });
}

/** Last non-empty line of a tool's stderr, for error messages. */
export function lastLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}
