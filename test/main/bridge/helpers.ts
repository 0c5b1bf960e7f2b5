// Test inputs of the bridge: handlers with only some methods, an event source the test drives, raw requests.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { ApiEvent, ApiEvents, ApiHandlers } from '../../../src/shared/api';
import { AppError } from '../../../src/shared/errors';
import type { ApiEventSource } from '../../../src/main/bridge/types';

/** Handlers where the methods not given fail with a clear error. */
export function handlersWith(partial: Partial<ApiHandlers>): ApiHandlers {
  return new Proxy(partial, {
    get: (target, name: string) =>
      (target as Record<string, unknown>)[name] ??
      (() => {
        throw new AppError('internal', `${name} is not part of this test`);
      }),
  }) as ApiHandlers;
}

/** An event source whose events the test emits. */
export function eventSource(): ApiEventSource & { emit<E extends ApiEvent>(e: E, p: ApiEvents[E]): void } {
  const emitter = new EventEmitter();
  return {
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    emit: (event, payload) => emitter.emit(event, payload),
  };
}

/** Raw response of a request sent without any client-side URL or header normalisation. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends a request with a verbatim path and headers. */
export function rawRequest(
  port: number,
  pathName: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
