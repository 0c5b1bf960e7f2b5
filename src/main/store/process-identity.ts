// Who owns a lock or a job: a pid alone is not enough, because pids are reused (a busy machine wraps them
// within minutes), so a live process that merely inherited a dead owner's pid would keep a project locked.
// On Linux the process start time (from /proc) completes the identity; elsewhere the pid stands alone.
import { readFileSync } from 'node:fs';

/** Start time of a process in clock ticks since boot, or null when it cannot be read (not Linux, gone). */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name (which may contain spaces) start at field 3; starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** This process's start time, read once. */
export const OWN_START = processStartTime(process.pid);

/** True when the process that recorded (pid, started) still runs. */
export function isOwnerAlive(pid: number, started: string | null): boolean {
  if (pid === process.pid && (started === null || started === OWN_START)) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStartTime(pid);
  return started === null || now === null || now === started;
}
