import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/media/line-splitter';
import { AppError, deserializeError, serializeError } from '../../src/shared/errors';
import type { SerializedError } from '../../src/shared/errors';
import { ProcessError, runProcess, runningProcessCount } from '../../src/media/process';

describe('runProcess', () => {
  it('collects stdout and feeds stdin', async () => {
    const r = await runProcess('cat', [], { stdin: Buffer.from('hello') });
    expect(r.stdout.toString()).toBe('hello');
  });
  it('feeds stdin from chunks with backpressure', async () => {
    const chunk = new Uint8Array(1 << 20).fill(7);
    const chunks = Array.from({ length: 8 }, () => chunk);
    const r = await runProcess('wc', ['-c'], { stdin: chunks });
    expect(r.stdout.toString().trim()).toBe(String(8 << 20));
  });
  it('rejects a non-zero exit with its stderr tail', async () => {
    const p = runProcess('sh', ['-c', 'echo first >&2; echo bad thing >&2; exit 3']);
    await expect(p).rejects.toBeInstanceOf(ProcessError);
    await expect(p).rejects.toMatchObject({ exitCode: 3, stderrTail: ['first', 'bad thing'] });
  });
  it('keeps the message to the last line and puts the whole log in the details, which survive the wire', async () => {
    const e = await runProcess('sh', ['-c', 'echo first >&2; echo bad thing >&2; exit 3']).catch(
      (x: unknown) => x,
    );
    if (!(e instanceof ProcessError)) throw new Error('expected a ProcessError');
    expect(e.message).toBe('sh failed (exit 3): bad thing');
    expect(e.details).toBe('sh exited with status 3\nfirst\nbad thing');
    const wire = JSON.parse(JSON.stringify(serializeError(e))) as SerializedError;
    expect(wire).toEqual({ code: 'internal', message: e.message, details: e.details });
    expect(deserializeError(wire).details).toBe(e.details);
    expect(serializeError(new AppError('busy', 'no details'))).toEqual({
      code: 'busy',
      message: 'no details',
    });
  });
  it('kills the child on abort and rejects as cancelled', async () => {
    const ac = new AbortController();
    const p = runProcess('sleep', ['30'], { signal: ac.signal });
    expect(runningProcessCount()).toBe(1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(runningProcessCount()).toBe(0);
  });
  it('names a missing program', async () => {
    await expect(runProcess('no-such-tool-xyz', [])).rejects.toMatchObject({
      code: 'missing-tool',
      message: expect.stringMatching(/^no-such-tool-xyz is not installed or not on the PATH: install ffmpeg/),
    });
  });
});

describe('LineSplitter', () => {
  it('splits on \\n, \\r and \\r\\n across chunk borders', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('a=1\nb=');
    s.push('2\r\r');
    s.push('\nc=3');
    s.end();
    expect(lines).toEqual(['a=1', 'b=2', 'c=3']);
  });
});
