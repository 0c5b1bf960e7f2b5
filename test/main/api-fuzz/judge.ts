// The contract every answer is held to, whatever the transport: a refusal is a specific 4xx with a code and
// a message and changes nothing; input the schema rejects is 400 with the schema's message; an unknown
// method is 404; an id that names nothing is 404 not-found naming its kind. Figures are tallied for the log.
import { expect } from 'vitest';
import { isApiMethod, parseInput } from '../../../src/shared/api';
import { statusForError } from '../../../src/main/bridge/dispatch';
import type { CallResult } from '../../../src/shared/transport';
import { ID_KINDS, type World } from './world';

/** Codes a refusal of the caller's input may carry (the others mean the studio failed). */
const REFUSAL_CODES = new Set([
  'invalid-input',
  'not-found',
  'unreadable-media',
  'no-video-stream',
  'empty-media',
  'unsupported-media',
  'media-changed',
  'bad-bundle',
  'missing-tool',
  'not-writable',
  'busy',
  'locked',
  'exists',
]);

/** Methods that only read: answered or refused, they change nothing, the project locks included. */
export const READS: ReadonlySet<unknown> = new Set([
  'app.info',
  'media.probe',
  'media.peaks',
  'project.get',
  'project.recent',
  'project.previewPlan',
  'jobs.list',
  'models.list',
  'models.provider',
]);

/** Calls tried and answers seen, for the log of a run. */
export class Tally {
  calls = 0;
  readonly byAnswer = new Map<string, number>();
  readonly methods = new Set<string>();

  /** The slowest call (answer plus the jobs it started), in ms. */
  slowest = { ms: 0, method: '' };

  timed(method: unknown, ms: number): void {
    if (ms > this.slowest.ms) this.slowest = { ms, method: String(method) };
  }

  add(method: unknown, status: number, code: string | null): void {
    this.calls++;
    if (typeof method === 'string' && isApiMethod(method)) this.methods.add(method);
    const key = `${status} ${code ?? 'ok'}`;
    this.byAnswer.set(key, (this.byAnswer.get(key) ?? 0) + 1);
  }

  /** One line: calls, methods reached, answers by status and code. */
  summary(label: string): string {
    const answers = [...this.byAnswer].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`);
    const slowest = `slowest ${Math.round(this.slowest.ms)} ms (${this.slowest.method})`;
    return `${label}: ${this.calls} calls, ${this.methods.size} methods; ${answers.join(', ')}; ${slowest}`;
  }
}

function schemaMessage(method: string, input: unknown): string | null {
  try {
    parseInput(method as never, input);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The kinds an answer must name when the input holds ids that name nothing (null when all are known). */
function unknownKinds(world: World, input: unknown): RegExp[] | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = input as Record<string, unknown>;
  const projectId = fields['projectId'];
  if ('projectId' in fields && world.isUnknown('projectId', projectId, null)) return [ID_KINDS.projectId];
  const kinds = Object.keys(ID_KINDS)
    .filter((k) => k !== 'projectId' && k in fields && world.isUnknown(k, fields[k], projectId))
    .map((k) => ID_KINDS[k]);
  return kinds.length > 0 ? kinds : null;
}

/**
 * Judges one answer. `input` is what the studio received (after the transport's encoding), `status` the
 * HTTP status (the IPC path has none: the status the bridge would give is derived), `before` and `after`
 * the snapshots around the call.
 */
export function judge(
  world: World,
  tally: Tally,
  call: { method: unknown; input: unknown },
  outcome: CallResult,
  status: number,
  before: string,
  after: string,
): void {
  const { method, input } = call;
  const where = `${String(method).slice(0, 60)} ${describe(input)}`;
  tally.add(method, status, outcome.ok ? null : outcome.error.code);
  if (!outcome.ok) {
    const { code, message } = outcome.error;
    expect(REFUSAL_CODES.has(code), `${where}: ${code} ${message}`).toBe(true);
    expect(status, where).toBe(statusForError(outcome.error));
    expect(status >= 400 && status < 500, `${where}: status ${status}`).toBe(true);
    expect(typeof message === 'string' && message.length > 0 && message.length < 10_000, where).toBe(true);
    expect(after === before, `${where}: refused (${code} ${message}) but state changed`).toBe(true);
  } else expect(status, where).toBe(200);
  if (typeof method !== 'string' || !isApiMethod(method)) {
    expect(outcome, where).toMatchObject({ ok: false, error: { code: 'not-found' } });
    return;
  }
  const schema = schemaMessage(method, input);
  if (schema !== null) {
    expect(outcome, where).toEqual({ ok: false, error: { code: 'invalid-input', message: schema } });
    return;
  }
  const kinds = unknownKinds(world, input);
  if (kinds) {
    expect(outcome.ok ? null : outcome.error.code, where).toBe('not-found');
    const message = outcome.ok ? '' : outcome.error.message;
    expect(
      kinds.some((k) => k.test(message)),
      `${where}: "${message}" names none of ${kinds.join(' ')}`,
    ).toBe(true);
  }
}

/** A short readable form of an input for failure messages. */
export function describe(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(input);
  } catch {
    text = String(input);
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
