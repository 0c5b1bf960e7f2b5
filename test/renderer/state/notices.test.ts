// Notices go away on their own: confirmations after 5 s, errors after 12 s, errors with raw details after 30 s;
// one whose details are open stays until they close; the same message twice shows once. Timers are Vitest's
// fake clock, so the rule is checked exactly, not raced.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { NOTICE_LIFETIME_MS, Notices, noticeLifetime } from '../../../src/renderer/state/notices.svelte';

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const texts = (n: Notices) => n.items.map((x) => x.text);

  it('defines the lifetimes: info shortest, errors longer, errors with details longest', () => {
    expect(noticeLifetime({ kind: 'info' })).toBe(5_000);
    expect(noticeLifetime({ kind: 'error' })).toBe(12_000);
    expect(noticeLifetime({ kind: 'error', details: 'ffmpeg log' })).toBe(30_000);
    expect(NOTICE_LIFETIME_MS.info).toBeLessThan(NOTICE_LIFETIME_MS.error);
  });

  it('dismisses each notice after its own lifetime', () => {
    const n = new Notices();
    n.push('info', 'Saved');
    n.push('error', 'Plain error');
    n.push('error', 'With details', 'raw log');
    vi.advanceTimersByTime(4_999);
    expect(texts(n)).toEqual(['Saved', 'Plain error', 'With details']);
    vi.advanceTimersByTime(1);
    expect(texts(n)).toEqual(['Plain error', 'With details']);
    vi.advanceTimersByTime(12_000 - 5_000);
    expect(texts(n)).toEqual(['With details']);
    vi.advanceTimersByTime(30_000 - 12_000);
    expect(texts(n)).toEqual([]);
  });

  it('holds a notice while its details are open and gives it a full lifetime once they close', () => {
    const n = new Notices();
    const id = n.push('error', 'Export failed', 'ffmpeg exited with status 1');
    vi.advanceTimersByTime(29_000);
    n.hold(id, true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(texts(n)).toEqual(['Export failed']);
    n.hold(id, false);
    vi.advanceTimersByTime(29_999);
    expect(texts(n)).toEqual(['Export failed']);
    vi.advanceTimersByTime(1);
    expect(texts(n)).toEqual([]);
  });

  it('takes the message and details of a thrown AppError, and a dismissed notice does not come back', () => {
    const n = new Notices();
    const id = n.error(
      new AppError('unreadable-media', 'x.mp4 cannot be read', 'ffprobe exited with status 1'),
      'Open',
    );
    expect(n.items).toEqual([
      { id, kind: 'error', text: 'Open: x.mp4 cannot be read', details: 'ffprobe exited with status 1' },
    ]);
    n.error({ message: 'wire error' });
    expect(n.items[1]).toEqual({ id: id + 1, kind: 'error', text: 'wire error' });
    n.dismiss(id);
    vi.advanceTimersByTime(60_000);
    expect(n.items).toEqual([]);
  });

  it('shows a repeated message once and restarts its clock', () => {
    const n = new Notices();
    const a = n.push('error', 'Bridge answered 500');
    vi.advanceTimersByTime(10_000);
    expect(n.push('error', 'Bridge answered 500')).toBe(a);
    expect(n.items.length).toBe(1);
    vi.advanceTimersByTime(11_999);
    expect(texts(n)).toEqual(['Bridge answered 500']);
    vi.advanceTimersByTime(1);
    expect(texts(n)).toEqual([]);
  });
});
