// The host side of the inference protocol inside an Electron utilityProcess: its parent port.
import type { HostPort } from '../src/inference/client';

/** The utility process's parent port as a HostPort. */
export function utilityHostPort(): HostPort {
  const port = process.parentPort;
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (e) => listener(e.data)),
    close: () => process.exit(0),
  };
}
