// Starts the inference host in an Electron utilityProcess and adapts it to the host protocol's
// transport, so a crash or out-of-memory there ends as a job error while main keeps running.
import { utilityProcess } from 'electron';
import type { MessagePortLike } from '../src/inference/client';

/** Forks `entry` (the built dist/electron/inference-host.cjs) as a utility process. */
export function startUtilityHost(entry: string): MessagePortLike {
  const child = utilityProcess.fork(entry, [], { serviceName: 'VidMuse inference', stdio: 'inherit' });
  const port = {
    postMessage: (message: unknown) => child.postMessage(message),
    on(event: 'message' | 'exit' | 'error', listener: (arg: never) => void) {
      if (event === 'error')
        child.on('error', (type, location) =>
          (listener as (e: Error) => void)(new Error(`${type} at ${location}`)),
        );
      else child.on(event as 'message', listener as (m: unknown) => void);
      return port;
    },
    stop: () => void child.kill(),
  };
  return port as MessagePortLike;
}
