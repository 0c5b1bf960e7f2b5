// Command-line entry (`npm run cli -- <command> ...`): a small dispatcher over the registered subcommands.
// Errors users can act on (AppError) print their message; exit codes: 0 ok, 1 failure, 2 bad usage.
import { requireTools } from '../media/tools';
import { AppError } from '../shared/errors';
import { UsageError, type Command } from './command';
import { convertCommand } from './commands/convert';
import { exportCommand } from './commands/export';
import { framesCommand } from './commands/frames';
import { generateCommand } from './commands/generate';
import { projectsCommand } from './commands/projects';
import { referenceCheckCommand } from './commands/reference-check';
import { scoreCommand } from './commands/score';

/** Every subcommand by name; add new commands here. */
export const COMMANDS: Record<string, Command> = {
  convert: convertCommand,
  export: exportCommand,
  frames: framesCommand,
  generate: generateCommand,
  projects: projectsCommand,
  'reference-check': referenceCheckCommand,
  score: scoreCommand,
};

function help(): string {
  const names = Object.keys(COMMANDS);
  const w = Math.max(...names.map((n) => n.length));
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    ...names.map((n) => `  ${n.padEnd(w)}  ${COMMANDS[n].summary}`),
  ].join('\n');
}

/** Runs one command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`unknown command "${name}"\n${help()}\n`);
    return 2;
  }
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    if (cmd.tools) await requireTools(cmd.tools);
    return await cmd.run(rest, abort.signal);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${(e as Error).message}\nusage: npm run cli -- ${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`error: ${e instanceof AppError ? e.message : ((e as Error).stack ?? String(e))}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const isEntry = process.argv[1] !== undefined && /[\\/]cli[\\/]main\.[cm]?[tj]s$/.test(process.argv[1]);
if (isEntry) process.exitCode = await main(process.argv.slice(2));
