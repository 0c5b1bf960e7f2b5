// `reference-check`: converts a fixture folder's checkpoint, runs every stage in onnxruntime and compares
// with the reference tensors; exits 1 when any comparison is outside its tolerance.
import { parseArgs } from 'node:util';
import { formatResults, runReferenceCheck } from '../../inference';
import { UsageError, type Command } from '../command';
import { ProgressBar } from '../progress-bar';

/** The reference-check command. */
export const referenceCheckCommand: Command = {
  summary: 'prove a conversion equal to the reference tensors of a fixture folder',
  usage: 'reference-check <fixture-dir> [--keep-bundle <dir>] [--fp16] [--json]',
  async run(args, signal) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { 'keep-bundle': { type: 'string' }, json: { type: 'boolean' }, fp16: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one fixture folder');
    const bar = new ProgressBar();
    const results = await runReferenceCheck(positionals[0], {
      signal,
      onProgress: (p) => bar.update(p),
      keepBundle: values['keep-bundle'],
      fp16: values.fp16 ?? false,
    });
    bar.done();
    process.stdout.write(`${values.json ? JSON.stringify(results, null, 1) : formatResults(results)}\n`);
    return results.every((r) => r.pass) ? 0 : 1;
  },
};
