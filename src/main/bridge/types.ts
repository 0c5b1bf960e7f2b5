// What a transport needs from the studio besides its handlers: a way to listen to its events.
import type { ApiEvent, ApiEvents } from '../../shared/api';

/** A source of API events (the studio's); `on` returns the unsubscribe function. */
export interface ApiEventSource {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

// A record keyed by every event, so adding an event to the contract fails to compile until it is listed.
const EVENTS: Record<ApiEvent, true> = { job: true, project: true, menu: true };

/** Every event name, for transports that forward all of them. */
export const API_EVENT_NAMES = Object.keys(EVENTS) as readonly ApiEvent[];

/** Subscribes `send` to every event of `source`; returns one function that unsubscribes them all. */
export function forwardEvents(
  source: ApiEventSource,
  send: (event: ApiEvent, payload: unknown) => void,
): () => void {
  const offs = API_EVENT_NAMES.map((name) => source.on(name, (payload) => send(name, payload)));
  return () => offs.forEach((off) => off());
}
