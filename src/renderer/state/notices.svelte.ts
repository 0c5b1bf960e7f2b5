// Transient messages for the user (errors from the API, confirmations), shown as toasts that go away on their own.

/** One message on screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** Raw details behind a disclosure (e.g. ffmpeg's log), when there are any. */
  details?: string;
}

/** How long a notice stays, in ms: confirmations briefly, errors longer, errors with details longest. */
export const NOTICE_LIFETIME_MS = { info: 5_000, error: 12_000, errorWithDetails: 30_000 } as const;

/** How long a notice stays on screen before it dismisses itself. */
export function noticeLifetime(n: Pick<Notice, 'kind' | 'details'>): number {
  if (n.kind === 'info') return NOTICE_LIFETIME_MS.info;
  return n.details ? NOTICE_LIFETIME_MS.errorWithDetails : NOTICE_LIFETIME_MS.error;
}

/**
 * The visible notices. Each dismisses itself after its lifetime (`noticeLifetime`); one whose details are open is
 * held until they are closed, then gets its full lifetime again; the same message pushed twice shows once.
 */
export class Notices {
  items = $state<Notice[]>([]);
  #next = 1;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, never rendered
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  /** Shows a message (or restarts the clock of the same one already shown); returns its id. */
  push(kind: Notice['kind'], text: string, details?: string): number {
    const same = this.items.find((n) => n.kind === kind && n.text === text && n.details === details);
    if (same) {
      this.#arm(same);
      return same.id;
    }
    const notice: Notice = details
      ? { id: this.#next++, kind, text, details }
      : { id: this.#next++, kind, text };
    this.items = [...this.items, notice];
    this.#arm(notice);
    return notice.id;
  }

  /** Shows an error from anything thrown, using its message and its details when it has them. */
  error(err: unknown, context?: string): number {
    const msg =
      err instanceof Error
        ? err.message
        : typeof err === 'object' && err && 'message' in err
          ? String(err.message)
          : String(err);
    const details =
      typeof err === 'object' && err && 'details' in err && typeof err.details === 'string'
        ? err.details
        : undefined;
    return this.push('error', context ? `${context}: ${msg}` : msg, details);
  }

  /** Keeps a notice on screen (its details are being read) or, with `false`, restarts its lifetime. */
  hold(id: number, held: boolean): void {
    const n = this.items.find((x) => x.id === id);
    if (!n) return;
    if (held) this.#disarm(id);
    else this.#arm(n);
  }

  /** Removes a message. */
  dismiss(id: number): void {
    this.#disarm(id);
    this.items = this.items.filter((n) => n.id !== id);
  }

  #arm(n: Notice): void {
    this.#disarm(n.id);
    this.#timers.set(
      n.id,
      setTimeout(() => this.dismiss(n.id), noticeLifetime(n)),
    );
  }

  #disarm(id: number): void {
    const t = this.#timers.get(id);
    if (t !== undefined) clearTimeout(t);
    this.#timers.delete(id);
  }
}
