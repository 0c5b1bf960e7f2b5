// The source lane's state: a video without audio needs no request, an envelope arrives as 'ready', a failure
// says so, and a later load (another project) wins over an earlier one still in flight.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/shared/api';
import { AppError } from '../../../src/shared/errors';
import { Notices } from '../../../src/renderer/state/notices.svelte';
import { SourceAudio } from '../../../src/renderer/state/source-audio.svelte';

type Answer = { peaks: number[]; peakBlock: number } | null | AppError;

/** Main's side as the lane sees it: `media.peaks` answers per project, each when `release` is called. */
function setup(answers: Record<string, Answer>) {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const api = {
    call: (method: string, input: { projectId: string }) => {
      calls.push(`${method} ${input.projectId}`);
      const a = answers[input.projectId] ?? null;
      return new Promise((resolve, reject) =>
        pending.push(() => (a instanceof AppError ? reject(a) : resolve(a))),
      );
    },
    on: () => () => undefined,
  } as unknown as ApiClient;
  const notices = new Notices();
  const release = async (i: number) => {
    pending[i]?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { audio: new SourceAudio(api, notices), calls, notices, release };
}

describe('source audio', () => {
  it('asks nothing for a video without audio', async () => {
    const { audio, calls } = setup({});
    await audio.load('p', false);
    expect([audio.status, audio.peaks, calls]).toEqual(['no-audio', null, []]);
  });

  it('is loading until the envelope arrives, then ready; clear forgets it', async () => {
    const env = { peaks: [0.5, 0.25], peakBlock: 320 };
    const { audio, calls, release } = setup({ p: env });
    const done = audio.load('p', true);
    expect(audio.status).toBe('loading');
    await release(0);
    await done;
    expect([audio.status, audio.peaks, calls]).toEqual(['ready', env, ['media.peaks p']]);
    audio.clear();
    expect([audio.status, audio.peaks]).toEqual(['idle', null]);
  });

  it('says a failed decode failed, with a notice that keeps the details', async () => {
    const err = new AppError(
      'unreadable-media',
      'The audio of v.mp4 cannot be decoded (x)',
      'ffmpeg exited with status 1',
    );
    const { audio, notices, release } = setup({ p: err });
    const done = audio.load('p', true);
    await release(0);
    await done;
    expect(audio.status).toBe('failed');
    expect(notices.items.map((n) => [n.text, n.details])).toEqual([
      [
        'The video’s audio could not be drawn: The audio of v.mp4 cannot be decoded (x)',
        'ffmpeg exited with status 1',
      ],
    ]);
  });

  it('keeps the later project when an earlier answer arrives last', async () => {
    const { audio, release } = setup({
      a: { peaks: [1], peakBlock: 320 },
      b: { peaks: [0.1], peakBlock: 320 },
    });
    const first = audio.load('a', true);
    const second = audio.load('b', true);
    await release(1);
    await release(0);
    await Promise.all([first, second]);
    expect([audio.status, audio.peaks]).toEqual(['ready', { peaks: [0.1], peakBlock: 320 }]);
  });
});
