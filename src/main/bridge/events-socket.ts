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

/** Creates the event socket over `source`; unsubscribes from it on close. */
export function createEventsSocket(source: ApiEventSource): EventsSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const off = forwardEvents(source, (event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies EventMessage);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });
  wss.on('connection', (ws) => ws.on('message', () => ws.close(1003, 'The event socket is one-way')));
  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      off();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
