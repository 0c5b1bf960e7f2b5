// Transports of the host protocol, kept abstract so a worker_threads Worker, a child process or an
// Electron utilityProcess can carry it: the client needs postMessage plus message/exit/error events.

/** The client's view of a running host (a Worker and a utilityProcess both fit). */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops the host (Worker.terminate or utilityProcess.kill). */
  stop(): void;
}

/** The host's view of its parent: where requests come from and events go. */
export interface HostPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Lets the host exit once the parent asks it to shut down. */
  close(): void;
}
