// The renderer's HTTP client against the real bridge: typed results, and errors rebuilt as AppError with
// the code main chose, so the UI reacts the same under Electron and in the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaRegistry } from '../../../src/main/bridge/media-registry';
import type { Bridge } from '../../../src/main/bridge/server';
import { startBridge } from '../../../src/main/bridge/server';
import { createHttpClient } from '../../../src/renderer/bridge/http-client';
import { AppError } from '../../../src/shared/errors';
import { eventSource, handlersWith } from '../../main/bridge/helpers';

let bridge: Bridge;
beforeAll(async () => {
  const handlers = handlersWith({
    'app.info': () => ({ version: '9.9.9', mode: 'web', platform: 'test' }),
    'jobs.cancel': ({ jobId }) => {
      throw new AppError('busy', `Job ${jobId} is finishing`);
    },
  });
  const media = createMediaRegistry({ allows: () => false });
  bridge = await startBridge({ handlers, events: eventSource(), staticDir: null, media });
});
afterAll(() => bridge.close());

describe('createHttpClient', () => {
  it('returns the typed result of a call', async () => {
    const client = createHttpClient(bridge.origin, bridge.secret);
    expect(await client.call('app.info', undefined)).toEqual({
      version: '9.9.9',
      mode: 'web',
      platform: 'test',
    });
  });
  it('rethrows API errors as AppError with their code', async () => {
    const client = createHttpClient(bridge.origin, bridge.secret);
    const error = await client.call('jobs.cancel', { jobId: 'j7' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).message]).toEqual(['busy', 'Job j7 is finishing']);
    const invalid = await client.call('jobs.cancel', { jobId: '' }).catch((e: unknown) => e);
    expect([(invalid as AppError).code, (invalid as AppError).message]).toEqual([
      'invalid-input',
      'jobId: expected string of at least 1 chars, got string',
    ]);
  });
  it('is refused without the secret', async () => {
    const error = await createHttpClient(bridge.origin)
      .call('app.info', undefined)
      .catch((e: unknown) => e);
    expect((error as AppError).message).toBe('Missing or wrong bridge secret');
  });
});
