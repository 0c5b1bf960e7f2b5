// The one place that spawns ffmpeg/ffprobe (and any other tool), for main and the inference host alike: every
// child is tracked, killed when its AbortSignal fires, and killed on app quit, so a cancelled job never leaves
// a process writing a file.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { missingToolError } from './tools';
import { AppError } from '../shared/errors';
import type { AbortSignalLike } from '../shared/progress';
import { LineSplitter } from './line-splitter';

/** Options of one child process run. */
export interface RunOptions {
  signal?: AbortSignalLike;
  /** Each complete stderr line (ffmpeg writes its log and stats there). */
  onStderrLine?: (line: string) => void;
  /** Each complete stdout line (for `-progress pipe:1`); when set, stdout is not collected. */
  onStdoutLine?: (line: string) => void;
  /** Raw stdout chunks (e.g. PCM); when set, stdout is not collected. */
  onStdoutData?: (chunk: Buffer) => void;
  /** Data written to stdin, then stdin is closed; chunks are written with backpressure. */
  stdin?: Buffer | Iterable<Uint8Array> | Readable;
  /** Working directory. */
  cwd?: string;
}

/** What a finished run produced. */
export interface RunResult {
  exitCode: number;
  /** Collected stdout (empty when a stdout callback was given). */
  stdout: Buffer;
  /** The last lines of stderr, for error messages. */
  stderrTail: string[];
}

/** A child process that exited with a non-zero status; the caller maps it to a user-facing error. */
export class ProcessError extends AppError {
  constructor(
    readonly command: string,
    readonly exitCode: number,
    readonly stderrTail: string[],
  ) {
    super(
      'internal',
      `${command} failed (exit ${exitCode}): ${lastLine(stderrTail) || 'no output'}`,
      processDetails(command, exitCode, stderrTail),
    );
    this.name = 'ProcessError';
  }
}

/** The raw details of a failed run for the user's disclosure: the tool, its exit status and its last log lines. */
export function processDetails(command: string, exitCode: number, stderrTail: readonly string[]): string {
  const tool = command.split(/[\\/]/).pop() ?? command;
  return [`${tool} exited with status ${exitCode}`, ...stderrTail].join('\n');
}

const running = new Set<ChildProcess>();
const STDERR_TAIL = 40;

/** Number of children currently running (for tests and the quit handler). */
export const runningProcessCount = (): number => running.size;

/** Kills every running child: called when the app quits. */
export function killAllProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Last non-empty line of a stderr tail, trimmed, for error messages ('' when there is none). */
export function lastLine(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line) return line;
  }
  return '';
}

/** Runs a command to completion; rejects with ProcessError on non-zero exit and AppError 'cancelled' on abort. */
export function runProcess(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  if (opts.signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled'));
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const out: Buffer[] = [];
    const tail: string[] = [];
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    wireStdout(child, opts, out);
    const err = new LineSplitter((line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL) tail.shift();
      opts.onStderrLine?.(line);
    });
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    if (opts.stdin) feedStdin(child, opts.stdin);
    child.on('error', (e: NodeJS.ErrnoException) => {
      running.delete(child);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(e.code === 'ENOENT' ? missingToolError(cmd) : new AppError('internal', `${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      running.delete(child);
      opts.signal?.removeEventListener('abort', onAbort);
      err.end();
      if (aborted) return reject(new AppError('cancelled', 'Cancelled'));
      if (code !== 0) return reject(new ProcessError(cmd, code ?? -1, tail.slice()));
      resolve({ exitCode: 0, stdout: Buffer.concat(out), stderrTail: tail.slice() });
    });
  });
}

function wireStdout(child: ChildProcess, opts: RunOptions, out: Buffer[]): void {
  if (opts.onStdoutData) {
    const sink = opts.onStdoutData;
    child.stdout?.on('data', (c: Buffer) => sink(c));
  } else if (opts.onStdoutLine) {
    const lines = new LineSplitter(opts.onStdoutLine);
    child.stdout?.on('data', (c: Buffer) => lines.push(c));
    child.stdout?.on('end', () => lines.end());
  } else {
    child.stdout?.on('data', (c: Buffer) => out.push(c));
  }
}

// The child may exit before reading all of stdin (an error, or a kill): EPIPE then is expected, not a failure.
function feedStdin(child: ChildProcess, data: Buffer | Iterable<Uint8Array> | Readable): void {
  const stdin = child.stdin;
  if (!stdin) return;
  stdin.on('error', () => undefined);
  if (Buffer.isBuffer(data)) {
    stdin.end(data);
    return;
  }
  if (typeof (data as Readable).pipe === 'function') {
    (data as Readable).pipe(stdin);
    return;
  }
  const it = (data as Iterable<Uint8Array>)[Symbol.iterator]();
  const pump = (): void => {
    for (;;) {
      const next = it.next();
      if (next.done) return void stdin.end();
      if (!stdin.write(next.value)) return void stdin.once('drain', pump);
    }
  };
  child.on('close', () => stdin.removeAllListeners('drain'));
  pump();
}
