// The shape of a CLI subcommand, shared by the dispatcher and every command module.
import type { ToolName } from '../media/tools';

/** A subcommand: one-line summary, usage text, and a run function returning the exit code. */
export interface Command {
  summary: string;
  usage: string;
  /** External programs the command runs: checked before it starts, so a missing one fails at once. */
  tools?: readonly ToolName[];
  run(args: string[], signal: AbortSignal): Promise<number>;
}

/** An error in the command line itself (exit code 2, usage printed). */
export class UsageError extends Error {}
