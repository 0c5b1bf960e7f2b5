// The engine a host keeps loaded. Switching bundle or runtime options loads a new engine; the old one is
// released only when the jobs still running on it have finished, so no job loses its sessions mid-run.
import type { EngineOptions } from '../pipeline/engine';
import { Engine } from '../pipeline/engine';

interface Entry {
  key: string;
  engine: Promise<Engine>;
  users: number;
  retired: boolean;
}

/** Holds the current engine and lends it to jobs. */
export class EnginePool {
  private current: Entry | null = null;
  private readonly retiring = new Set<Entry>();

  /** Runs `job` with the engine for (modelDir, options), loading it first if it is not the current one. */
  async use<T>(
    modelDir: string,
    options: EngineOptions | undefined,
    job: (engine: Engine) => Promise<T>,
  ): Promise<T> {
    const entry = this.entryFor(modelDir, options);
    entry.users++;
    try {
      return await job(await entry.engine);
    } finally {
      entry.users--;
      if (entry.retired && entry.users === 0) await this.release(entry);
    }
  }

  /** Releases every engine (host shutdown; call after jobs have stopped). */
  async dispose(): Promise<void> {
    const all = [...this.retiring, ...(this.current ? [this.current] : [])];
    this.current = null;
    await Promise.all(all.map((e) => this.release(e)));
  }

  private entryFor(modelDir: string, options: EngineOptions | undefined): Entry {
    const key = JSON.stringify([modelDir, options ?? {}]);
    if (this.current?.key === key) return this.current;
    const old = this.current;
    const entry: Entry = { key, engine: Engine.open(modelDir, options), users: 0, retired: false };
    // A bundle that fails to open is not kept: the next job tries again (the user may have fixed it).
    entry.engine.catch(() => this.current === entry && (this.current = null));
    this.current = entry;
    if (old) {
      old.retired = true;
      this.retiring.add(old);
      if (old.users === 0) void this.release(old);
    }
    return entry;
  }

  private async release(entry: Entry): Promise<void> {
    this.retiring.delete(entry);
    await entry.engine.then(
      (e) => e.dispose(),
      () => undefined,
    );
  }
}
