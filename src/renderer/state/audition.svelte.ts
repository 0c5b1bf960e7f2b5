// A/B audition: which take plays in place of each window's selected take (A) and the B key's toggle between them.

/** Where the auditioned takes are kept (the music player's map, which the mix and the waveform follow). */
export interface AuditionHolder {
  audition: Record<string, string>;
}

/** The part of a window the audition reads (a `WindowInfo` fits). */
export interface AbWindow {
  id: string;
  selectedTakeId: string | null;
  takes: readonly { id: string }[];
}

/** What a window plays: its selected take (A) or an auditioned other take (B). */
export type AbSide = 'A' | 'B';

/** Auditions takes without selecting them and remembers each window's B take for the toggle. */
export class Audition {
  /** The last take auditioned per window id: B brings it back after toggling to A. */
  #lastB = $state<Record<string, string>>({});

  constructor(private readonly holder: AuditionHolder) {}

  /** The take auditioned in a window, or null when it plays its selected take. */
  of(windowId: string): string | null {
    return this.holder.audition[windowId] ?? null;
  }

  /** The take a window plays now: the auditioned one, else the selected one. */
  heard(w: AbWindow): string | null {
    const id = this.of(w.id);
    return id && w.takes.some((t) => t.id === id) ? id : w.selectedTakeId;
  }

  /** Which side a window plays: B while another take than the selected one is auditioned. */
  side(w: AbWindow): AbSide {
    const id = this.heard(w);
    return id && id !== w.selectedTakeId ? 'B' : 'A';
  }

  /** The A/B button of a take: auditions it, or stops auditioning it. Returns the side now heard. */
  toggle(w: AbWindow, takeId: string): AbSide {
    if (this.of(w.id) === takeId) return this.#set(w.id, null);
    return this.#set(w.id, takeId === w.selectedTakeId ? null : takeId);
  }

  /**
   * The B key: from B back to the selected take (A); from A to the last auditioned take, or else the take after
   * the selected one. Returns the side now heard, or null when the window has no second take.
   */
  flip(w: AbWindow): AbSide | null {
    if (this.side(w) === 'B') return this.#set(w.id, null);
    const others = w.takes.filter((t) => t.id !== w.selectedTakeId);
    const last = this.#lastB[w.id];
    if (last && others.some((t) => t.id === last)) return this.#set(w.id, last);
    const at = w.takes.findIndex((t) => t.id === w.selectedTakeId);
    const next = w.takes.slice(at + 1).find((t) => t.id !== w.selectedTakeId) ?? others[0];
    return next ? this.#set(w.id, next.id) : null;
  }

  /** Stops every audition (a project closed or opened). */
  clear(): void {
    this.holder.audition = {};
    this.#lastB = {};
  }

  #set(windowId: string, takeId: string | null): AbSide {
    const next = { ...this.holder.audition };
    if (takeId) {
      next[windowId] = takeId;
      this.#lastB = { ...this.#lastB, [windowId]: takeId };
    } else delete next[windowId];
    this.holder.audition = next;
    return takeId ? 'B' : 'A';
  }
}
