// Jobs that exercise the host protocol itself: progress, cancel, typed errors, crashes and memory limits.
import { AppError } from '../../../src/shared/errors';
import type { Handlers } from '../../../src/inference/host/serve-host';
import type { JobSpec } from '../../../src/inference/client/protocol';

/** Job kinds of the test host. */
export interface TestJobs {
  echo: JobSpec<{ text: string }, { text: string; inWorker: boolean }>;
  count: JobSpec<{ steps: number; stepMs: number }, { counted: number }>;
  fail: JobSpec<{ code: 'invalid-input' | 'bad-bundle' }, never>;
  throwPlain: JobSpec<Record<string, never>, never>;
  exit: JobSpec<{ code: number }, never>;
  hog: JobSpec<Record<string, never>, never>;
  /** Fails the way a native allocation on a GPU fails: a plain error with onnxruntime's message. */
  deviceOom: JobSpec<Record<string, never>, never>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Handlers of the test host. */
export const testHandlers: Handlers<TestJobs> = {
  echo: async ({ text }) => ({ text, inWorker: !(await import('node:worker_threads')).isMainThread }),
  count: async ({ steps, stepMs }, { signal, onProgress }) => {
    for (let i = 0; i < steps; i++) {
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled');
      await sleep(stepMs);
      onProgress({
        stage: 'decode',
        done: i + 1,
        total: steps,
        etaSeconds: ((steps - i - 1) * stepMs) / 1000,
      });
    }
    return { counted: steps };
  },
  fail: async ({ code }) => {
    throw new AppError(code, `failed on purpose with ${code}`);
  },
  throwPlain: async () => {
    throw new TypeError('plain failure');
  },
  exit: async ({ code }) => process.exit(code),
  deviceOom: async () => {
    throw new Error('Failed to allocate memory for requested buffer of size 3623878656');
  },
  hog: async () => {
    const keep: number[][] = [];
    for (;;) keep.push(Array.from({ length: 1e6 }, (_, i) => i + keep.length));
  },
};
