// App settings (last folders, window layout, chosen bundle): small JSON values by key, durable on return.
import type { Db } from './database';

/** The stored value of a setting, or `fallback` when it was never set or cannot be read. */
export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** Stores a setting (JSON-serialisable); null removes it. */
export function setSetting(db: Db, key: string, value: unknown): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
}
