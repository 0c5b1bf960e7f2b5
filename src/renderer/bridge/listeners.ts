// Listener sets per event name; a transport feeds incoming events in and subscriptions return disposers.

/** Listeners by event name. */
export interface Listeners {
  add(event: string, listener: (payload: unknown) => void): () => void;
  emit(event: string, payload: unknown): void;
  /** Number of listeners over all events. */
  readonly size: number;
}

/** Creates an empty listener registry. */
export function createListeners(): Listeners {
  const byEvent = new Map<string, Set<(payload: unknown) => void>>();
  let size = 0;
  return {
    add(event, listener) {
      const set = byEvent.get(event) ?? new Set();
      byEvent.set(event, set);
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      size++;
      return () => {
        if (set.delete(wrapped)) size--;
      };
    },
    emit(event, payload) {
      for (const listener of [...(byEvent.get(event) ?? [])]) listener(payload);
    },
    get size() {
      return size;
    },
  };
}
