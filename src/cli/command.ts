// The shape of a CLI subcommand, shared by the dispatcher and every command module.

/** A subcommand: one-line summary, usage text, and a run function returning the exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], signal: AbortSignal): Promise<number>;
}

/** An error in the command line itself (exit code 2, usage printed). */
export class UsageError extends Error {}
