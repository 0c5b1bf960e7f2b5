// A restricted unpickler (protocols 2–5): enough of the pickle machine for torch checkpoints. Globals are
// resolved by the caller, so nothing in a checkpoint can run code; unknown globals become inert records.
import { AppError } from '../../shared/errors';

/** A global that the caller did not resolve. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
}

/** An object built by REDUCE/NEWOBJ from an unresolved global; BUILD state is kept. */
export class PickleObject {
  state: unknown = undefined;
  constructor(
    readonly global: PickleGlobal,
    readonly args: unknown[],
  ) {}
}

/** How the caller resolves globals (returns a callable) and persistent ids. */
export interface UnpickleHooks {
  /** A callable for `module.name`, or undefined to leave it inert. */
  findGlobal?(module: string, name: string): ((...args: unknown[]) => unknown) | undefined;
  persistentLoad?(pid: unknown): unknown;
}

/** Unpickles `data`; `label` names the source in errors. */
export function unpickle(data: Uint8Array, hooks: UnpickleHooks = {}, label = 'pickle'): unknown {
  return new Machine(data, hooks, label).run();
}

class Machine {
  private pos = 0;
  private stack: unknown[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly view: DataView;

  constructor(
    private readonly d: Uint8Array,
    private readonly hooks: UnpickleHooks,
    private readonly label: string,
  ) {
    this.view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  }

  run(): unknown {
    for (;;) {
      if (this.pos >= this.d.length) throw this.fail('ends without STOP (truncated?)');
      const op = this.d[this.pos++];
      if (op === 0x2e) return this.stack.pop(); // STOP
      this.step(op);
    }
  }

  private step(op: number): void {
    const s = this.stack;
    if (this.pushLiteral(op)) return;
    switch (op) {
      case 0x80:
        this.pos++;
        return; // PROTO
      case 0x95:
        this.pos += 8;
        return; // FRAME
      case 0x7d:
        s.push(new Map());
        return; // EMPTY_DICT
      case 0x5d:
        s.push([]);
        return; // EMPTY_LIST
      case 0x29:
        s.push([]);
        return; // EMPTY_TUPLE
      case 0x8f:
        s.push(new Set());
        return; // EMPTY_SET
      case 0x28:
        this.marks.push(s.length);
        return; // MARK
      case 0x74:
        s.push(this.popMark());
        return; // TUPLE
      case 0x85:
        s.push([s.pop()]);
        return; // TUPLE1
      case 0x86: {
        const b = s.pop();
        const a = s.pop();
        s.push([a, b]);
        return;
      } // TUPLE2
      case 0x87: {
        const c = s.pop();
        const b = s.pop();
        const a = s.pop();
        s.push([a, b, c]);
        return;
      } // TUPLE3
      case 0x6c:
        s.push(this.popMark());
        return; // LIST
      case 0x61: {
        const v = s.pop();
        (s[s.length - 1] as unknown[]).push(v);
        return;
      } // APPEND
      case 0x65: {
        const items = this.popMark();
        (s[s.length - 1] as unknown[]).push(...items);
        return;
      } // APPENDS
      case 0x64:
        s.push(pairs(new Map(), this.popMark()));
        return; // DICT
      case 0x73: {
        const v = s.pop();
        const k = s.pop();
        this.setItem(s[s.length - 1], k, v);
        return;
      } // SETITEM
      case 0x75: {
        const items = this.popMark();
        for (let i = 0; i < items.length; i += 2) this.setItem(s[s.length - 1], items[i], items[i + 1]);
        return;
      } // SETITEMS
      case 0x90: {
        const items = this.popMark();
        const set = s[s.length - 1] as Set<unknown>;
        for (const x of items) set.add(x);
        return;
      } // ADDITEMS
      case 0x91:
        s.push(new Set(this.popMark()));
        return; // FROZENSET
      case 0x63: {
        const mod = this.line();
        const name = this.line();
        s.push(this.global(mod, name));
        return;
      } // GLOBAL
      case 0x93: {
        const name = s.pop() as string;
        const mod = s.pop() as string;
        s.push(this.global(mod, name));
        return;
      } // STACK_GLOBAL
      case 0x52: {
        const args = s.pop() as unknown[];
        const f = s.pop();
        s.push(this.call(f, args));
        return;
      } // REDUCE
      case 0x81: {
        const args = s.pop() as unknown[];
        const f = s.pop();
        s.push(this.call(f, args));
        return;
      } // NEWOBJ
      case 0x62: {
        const state = s.pop();
        build(s[s.length - 1], state);
        return;
      } // BUILD
      case 0x51:
        s.push(this.persistent(s.pop()));
        return; // BINPERSID
      case 0x71:
        this.memo.set(this.d[this.pos++], s[s.length - 1]);
        return; // BINPUT
      case 0x72:
        this.memo.set(this.u32(), s[s.length - 1]);
        return; // LONG_BINPUT
      case 0x94:
        this.memo.set(this.memo.size, s[s.length - 1]);
        return; // MEMOIZE
      case 0x68:
        s.push(this.recall(this.d[this.pos++]));
        return; // BINGET
      case 0x6a:
        s.push(this.recall(this.u32()));
        return; // LONG_BINGET
      case 0x30:
        s.pop();
        return; // POP
      case 0x31:
        this.popMark();
        return; // POP_MARK
      case 0x32:
        s.push(s[s.length - 1]);
        return; // DUP
      default:
        throw this.fail(`unsupported opcode 0x${op.toString(16)} at byte ${this.pos - 1}`);
    }
  }

  /** Opcodes that push one constant; false when `op` is not one of them. */
  private pushLiteral(op: number): boolean {
    const s = this.stack;
    switch (op) {
      case 0x4e:
        s.push(null);
        return true; // NONE
      case 0x88:
        s.push(true);
        return true; // NEWTRUE
      case 0x89:
        s.push(false);
        return true; // NEWFALSE
      case 0x4b:
        s.push(this.d[this.pos++]);
        return true; // BININT1
      case 0x4d:
        s.push(this.view.getUint16(this.advance(2), true));
        return true; // BININT2
      case 0x4a:
        s.push(this.view.getInt32(this.advance(4), true));
        return true; // BININT
      case 0x8a:
        s.push(this.long(this.d[this.pos++]));
        return true; // LONG1
      case 0x8b:
        s.push(this.long(this.u32()));
        return true; // LONG4
      case 0x47:
        s.push(this.view.getFloat64(this.advance(8), false));
        return true; // BINFLOAT
      case 0x58:
        s.push(this.text(this.u32()));
        return true; // BINUNICODE
      case 0x8c:
        s.push(this.text(this.d[this.pos++]));
        return true; // SHORT_BINUNICODE
      case 0x8d:
        s.push(this.text(Number(this.view.getBigUint64(this.advance(8), true))));
        return true; // BINUNICODE8
      case 0x54:
        s.push(this.text(this.u32()));
        return true; // BINSTRING
      case 0x55:
        s.push(this.text(this.d[this.pos++]));
        return true; // SHORT_BINSTRING
      case 0x42:
        s.push(this.bytes(this.u32()));
        return true; // BINBYTES
      case 0x43:
        s.push(this.bytes(this.d[this.pos++]));
        return true; // SHORT_BINBYTES
      default:
        return false;
    }
  }

  private setItem(target: unknown, k: unknown, v: unknown): void {
    if (!(target instanceof Map)) throw this.fail('SETITEM on a non-dict');
    target.set(k, v);
  }

  private global(mod: string, name: string): unknown {
    return this.hooks.findGlobal?.(mod, name) ?? new PickleGlobal(mod, name);
  }

  private call(f: unknown, args: unknown[]): unknown {
    if (typeof f === 'function') return f(...args);
    if (f instanceof PickleGlobal) return new PickleObject(f, args);
    throw this.fail('REDUCE on a non-callable');
  }

  private persistent(pid: unknown): unknown {
    if (!this.hooks.persistentLoad) throw this.fail('persistent id without a loader');
    return this.hooks.persistentLoad(pid);
  }

  private recall(i: number): unknown {
    if (!this.memo.has(i)) throw this.fail(`memo ${i} missing`);
    return this.memo.get(i);
  }

  private popMark(): unknown[] {
    const m = this.marks.pop();
    if (m === undefined) throw this.fail('MARK missing');
    return this.stack.splice(m);
  }

  private advance(n: number): number {
    const p = this.pos;
    this.pos += n;
    if (this.pos > this.d.length) throw this.fail('truncated');
    return p;
  }

  private u32(): number {
    return this.view.getUint32(this.advance(4), true);
  }

  private text(n: number): string {
    return new TextDecoder().decode(this.d.subarray(this.advance(n), this.pos));
  }

  private bytes(n: number): Uint8Array {
    return this.d.slice(this.advance(n), this.pos);
  }

  private line(): string {
    const end = this.d.indexOf(0x0a, this.pos);
    if (end < 0) throw this.fail('truncated');
    const t = new TextDecoder().decode(this.d.subarray(this.pos, end));
    this.pos = end + 1;
    return t;
  }

  private long(n: number): number {
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.d[this.pos + i]);
    if (n > 0 && this.d[this.pos + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
    this.advance(n);
    return Number(v);
  }

  private fail(why: string): AppError {
    return new AppError('invalid-input', `${this.label}: ${why}`);
  }
}

function pairs(m: Map<unknown, unknown>, items: unknown[]): Map<unknown, unknown> {
  for (let i = 0; i < items.length; i += 2) m.set(items[i], items[i + 1]);
  return m;
}

function build(target: unknown, state: unknown): void {
  if (target instanceof PickleObject) target.state = state;
  // OrderedDict / tensors may receive metadata state; it carries nothing we use.
}
