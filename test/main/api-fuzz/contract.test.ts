// Property-based fuzz of the whole API contract over both transports: random calls (every method, with
// well-typed, ill-typed and hostile payloads, unknown ids, boundary numbers, long strings and odd paths) go
// to the real studio through the loopback bridge (HTTP) and through the IPC dispatcher Electron's handler
// is. Every answer is judged (judge.ts). A fixed seed and a bounded count by default; VIDMUSE_FUZZ_RUNS
// sets the count per transport and VIDMUSE_FUZZ_SEED the seed (the IPC run uses the next one).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src/main/bridge/app-request';
import { statusForError } from '../../../src/main/bridge/dispatch';
import { dispatchIpcCall } from '../../../src/main/bridge/ipc-call';
import { api, type ApiMethod } from '../../../src/shared/api';
import type { CallResult } from '../../../src/shared/transport';
import { SECRET_HEADER } from '../../../src/shared/transport';
import { rawRequest } from '../bridge/helpers';
import { READS, Tally, judge } from './judge';
import { HOSTILE, IPC_ONLY, inputFor, wellTyped, type Pools } from './payloads';
import { buildWorld, locks, snapshot, type World } from './world';

const RUNS = Number(process.env.VIDMUSE_FUZZ_RUNS ?? 120);
const SEED = Number(process.env.VIDMUSE_FUZZ_SEED ?? 17);
/** Time allowed per transport: generous, since a long run's library grows with every accepted call. */
const TIMEOUT_MS = 60_000 + RUNS * 500;
const METHODS = Object.keys(api) as ApiMethod[];
/** Method names that are not part of the API. */
const NOT_METHODS: unknown[] = [
  '',
  'constructor',
  '__proto__',
  'toString',
  'project.Open',
  'jobs',
  'x'.repeat(300),
  42,
  null,
];

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(() => world.close());

/** Random calls: mostly real methods with generated inputs, a few unknown method names. */
function calls(pools: Pools, extra: readonly unknown[]): fc.Arbitrary<{ method: unknown; input: unknown }> {
  const known = fc
    .constantFrom(...METHODS)
    .chain((method) =>
      fc
        .oneof(
          { weight: 12, arbitrary: inputFor(api[method].input.spec, pools) },
          extra.length > 0 ? fc.constantFrom(...extra) : inputFor(api[method].input.spec, pools),
        )
        .map((input) => ({ method: method as unknown, input })),
    );
  const unknown = fc.record({ method: fc.constantFrom(...NOT_METHODS), input: fc.constantFrom(...HOSTILE) });
  return fc.oneof({ weight: 30, arbitrary: known }, unknown);
}

/** One well-typed call of every method, run first so each method is reached whatever the count. */
function everyMethod(pools: Pools): { method: unknown; input: unknown }[] {
  return METHODS.map((method) => ({
    method,
    input: fc.sample(wellTyped(api[method].input.spec, pools), { seed: SEED, numRuns: 1 })[0],
  }));
}

/** Runs one call between two snapshots (jobs it starts are awaited) and judges the answer. */
async function around(
  send: () => Promise<{ outcome: CallResult; status: number; input: unknown; method: unknown }>,
  tally: Tally,
) {
  const studio = world.bridge.studio;
  await studio.idle();
  const before = snapshot(world);
  const held = locks(world);
  const started = performance.now();
  const { outcome, status, input, method } = await send();
  await studio.idle();
  tally.timed(method, performance.now() - started);
  const after = snapshot(world);
  judge(world, tally, { method, input }, outcome, status, before, after);
  if (READS.has(method))
    expect([after, locks(world)], `${String(method)} is a read but changed the library`).toEqual([
      before,
      held,
    ]);
}

/** Bodies that are not JSON, or too large for the bridge. */
const RAW_BODIES = [
  '{',
  '[1,',
  'nul',
  '{"projectId":',
  '\u0000',
  '{"a":1}{"b":2}',
  `"${'x'.repeat(1 << 20)}"`,
];

async function post(method: unknown, body: string) {
  const headers = { 'content-type': 'application/json', [SECRET_HEADER]: world.bridge.secret };
  const r = await rawRequest(
    world.bridge.port,
    `/api/${encodeURIComponent(String(method))}`,
    headers,
    'POST',
    body,
  );
  const parsed = JSON.parse(r.body.toString()) as { result?: unknown; error?: CallResult & { ok: false } };
  const outcome: CallResult =
    r.status === 200 ? { ok: true, result: parsed.result } : { ok: false, error: parsed.error as never };
  return { outcome, status: r.status };
}

/** One HTTP call: JSON bodies are judged in full; bodies that are not JSON or too large must be 400 / 413. */
async function httpCase(tally: Tally, { method, body }: { method: unknown; body: string }): Promise<void> {
  let input: unknown;
  let json = true;
  try {
    input = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    json = false;
  }
  if (json && body.length < 1 << 20)
    return around(async () => ({ ...(await post(method, body)), input, method }), tally);
  const before = snapshot(world);
  const { outcome, status } = await post(method, body);
  tally.add(method, status, outcome.ok ? null : outcome.error.code);
  expect([status, outcome.ok ? null : outcome.error.code]).toEqual([json ? 413 : 400, 'invalid-input']);
  expect(snapshot(world)).toBe(before);
}

/** One IPC request as main receives it (a structured clone); a request that is not an object is refused. */
async function ipcCase(tally: Tally, request: unknown): Promise<void> {
  const received = structuredClone(request);
  const sender = `${APP_ORIGIN}/index.html`;
  if (typeof received !== 'object' || received === null || Array.isArray(received)) {
    const before = snapshot(world);
    const outcome = await dispatchIpcCall(world.bridge.studio, sender, received);
    tally.add(undefined, 400, outcome.ok ? null : outcome.error.code);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(snapshot(world)).toBe(before);
    return;
  }
  const { method, input } = received as { method: unknown; input: unknown };
  await around(async () => {
    const outcome = await dispatchIpcCall(world.bridge.studio, sender, received);
    return { outcome, status: outcome.ok ? 200 : statusForError(outcome.error), input, method };
  }, tally);
}

const asBody = (c: { method: unknown; input: unknown }) => ({
  method: c.method,
  body: JSON.stringify(c.input) ?? '',
});

describe('API contract under fuzz', () => {
  it(
    'holds over the loopback bridge (HTTP)',
    async () => {
      const tally = new Tally();
      const raw = fc.record({ method: fc.constantFrom(...METHODS), body: fc.constantFrom(...RAW_BODIES) });
      const arb = fc.oneof({ weight: 30, arbitrary: calls(world.pools, []).map(asBody) }, raw);
      await fc.assert(
        fc.asyncProperty(arb, (c) => httpCase(tally, c)),
        {
          seed: SEED,
          numRuns: RUNS,
          endOnFailure: true,
          examples: everyMethod(world.pools).map((c) => [asBody(c)]),
        },
      );
      console.info(tally.summary(`bridge (HTTP), seed ${SEED}`));
      expect(tally.methods.size).toBe(METHODS.length);
    },
    TIMEOUT_MS,
  );

  it(
    'holds over the IPC dispatcher, with values only structured clone carries',
    async () => {
      const tally = new Tally();
      const arb = fc.oneof(
        { weight: 30, arbitrary: calls(world.pools, IPC_ONLY) as fc.Arbitrary<unknown> },
        fc.constantFrom(null, 'x', [], 42, undefined),
      );
      const examples = everyMethod(world.pools).map((c): [unknown] => [c]);
      await fc.assert(
        fc.asyncProperty(arb, (request) => ipcCase(tally, request)),
        { seed: SEED + 1, numRuns: RUNS, endOnFailure: true, examples },
      );
      console.info(tally.summary(`IPC dispatcher, seed ${SEED + 1}`));
      expect(tally.methods.size).toBe(METHODS.length);
    },
    TIMEOUT_MS,
  );

  it('refuses IPC calls from pages that are not the app, changing nothing', async () => {
    const before = snapshot(world);
    const request = { method: 'history.undo', input: { projectId: world.projectIds.a } };
    for (const sender of [null, 'https://example.com/', 'file:///index.html', 'vidmuse://evil/index.html'])
      expect(await dispatchIpcCall(world.bridge.studio, sender, request)).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: 'Calls are accepted from the app only' },
      });
    expect(snapshot(world)).toBe(before);
  });
});
