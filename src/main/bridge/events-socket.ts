// WebSocket /events: every API event of the studio, pushed to each connected page as `{ event, payload }`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventMessage } from '../../shared/transport';
import type { ApiEventSource } from './types';
import { forwardEvents } from './types';

/** The event socket: upgrade requests that passed the checks are handed to it. */
export interface EventsSocket {
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** A page that reloads reconnects within this time; only a longer absence counts as the client gone. */
const GONE_AFTER_MS = 1500;

/**
 * Creates the event socket over `source`; unsubscribes from it on close. `onAllGone` runs when the last page
 * has been disconnected for a moment (its tab closed or navigated away).
 */
export function createEventsSocket(source: ApiEventSource, onAllGone?: () => void): EventsSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const off = forwardEvents(source, (event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies EventMessage);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });
  let closed = false;
  let gone: ReturnType<typeof setTimeout> | null = null;
  const checkGone = () => {
    if (closed || !onAllGone || wss.clients.size > 0) return;
    if (gone) clearTimeout(gone);
    gone = setTimeout(() => {
      gone = null;
      if (!closed && wss.clients.size === 0) onAllGone();
    }, GONE_AFTER_MS);
  };
  wss.on('connection', (ws) => {
    ws.on('message', () => ws.close(1003, 'The event socket is one-way'));
    ws.on('close', checkGone);
  });
  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      closed = true;
      if (gone) clearTimeout(gone);
      off();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
