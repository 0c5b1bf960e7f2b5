// A typed event emitter for the API events; `on` returns its unsubscribe so subscribers cannot leak.
import type { ApiEvent, ApiEvents } from '../../shared/api';

/** Subscribe/emit over the ApiEvents map. */
export class Emitter {
  private readonly listeners = new Map<ApiEvent, Set<(payload: never) => void>>();

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  /** Delivers an event; a throwing listener does not stop the others. */
  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as (p: ApiEvents[E]) => void)(payload);
      } catch {
        // A broken window must not break the job that emitted.
      }
    }
  }

  /** Number of listeners (for leak tests). */
  count(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
