// `reference-check`: converts a fixture folder's checkpoint, runs every stage in onnxruntime and compares
// with the reference tensors; exits 1 when any comparison is outside its tolerance.
import { parseArgs } from 'node:util';
import { chooseProvider, formatResults, runReferenceCheck } from '../../inference';
import { UsageError, type Command } from '../command';
import { EP_USAGE, parseEp } from '../ep-option';
import { ProgressBar } from '../progress-bar';

/** The reference-check command. */
export const referenceCheckCommand: Command = {
  summary: 'prove a conversion equal to the reference tensors of a fixture folder',
  usage: `reference-check <fixture-dir> [--keep-bundle <dir>] [--fp16] ${EP_USAGE} [--json]`,
  async run(args, signal) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        'keep-bundle': { type: 'string' },
        json: { type: 'boolean' },
        fp16: { type: 'boolean' },
        ep: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one fixture folder');
    const provider = parseEp(values.ep === undefined ? 'cpu' : values.ep);
    const choice = await chooseProvider(provider);
    const bar = new ProgressBar();
    const results = await runReferenceCheck(positionals[0], {
      signal,
      onProgress: (p) => bar.update(p),
      keepBundle: values['keep-bundle'],
      fp16: values.fp16 ?? false,
      provider,
    });
    bar.done();
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ provider: choice.provider, providerReason: choice.reason, results }, null, 1)}\n`
        : `provider: ${choice.provider} (${choice.reason})\n${formatResults(results)}\n`,
    );
    return results.every((r) => r.pass) ? 0 : 1;
  },
};
