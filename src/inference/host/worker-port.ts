// The HostPort of code running inside a worker_threads Worker.
import { parentPort } from 'node:worker_threads';
import type { HostPort } from '../client/message-port';

/** The worker's parent port as a HostPort; throws outside a worker. */
export function workerHostPort(): HostPort {
  const port = parentPort;
  if (!port) throw new Error('workerHostPort() called outside a worker thread');
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', listener),
    close: () => port.close(),
  };
}
