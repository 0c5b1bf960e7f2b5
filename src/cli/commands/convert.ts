// `convert`: released checkpoint files → model bundle folder.
import { parseArgs } from 'node:util';
import { convertBundle, type ConvertOptions } from '../../inference';
import { UsageError, type Command } from '../command';
import { ProgressBar } from '../progress-bar';
import { precisionSummary } from '../precision-summary';

const VARIANTS = ['fp32', 'q8', 'q4', 'q8-kv8', 'fp16'];

/** The convert command. */
export const convertCommand: Command = {
  summary: 'convert state_dict.bin + an HF EnCodec folder into a model bundle',
  usage:
    'convert --lm <state_dict.bin> --codec <folder with config.json + model.safetensors> --out <bundle-dir> [--fp16] [--decoder-variants fp32,q8,q4,q8-kv8,fp16] [--skip-gate] [--id <id>] [--name <name>] [--untrained]',
  async run(args, signal) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        lm: { type: 'string' },
        codec: { type: 'string' },
        out: { type: 'string' },
        fp16: { type: 'boolean' },
        id: { type: 'string' },
        name: { type: 'string' },
        untrained: { type: 'boolean' },
        'skip-gate': { type: 'boolean' },
        'decoder-variants': { type: 'string' },
      },
    });
    if (!values.lm || !values.codec || !values.out)
      throw new UsageError('--lm, --codec and --out are required');
    const variants = values['decoder-variants']?.split(',').map((v) => v.trim());
    if (variants && (variants.length === 0 || variants.some((v) => !VARIANTS.includes(v))))
      throw new UsageError(`--decoder-variants takes a comma-separated list of ${VARIANTS.join(', ')}`);
    const bar = new ProgressBar();
    const started = Date.now();
    try {
      const m = await convertBundle({
        lmCheckpoint: values.lm,
        codecDir: values.codec,
        outDir: values.out,
        fp16: values.fp16 ?? false,
        id: values.id,
        name: values.name,
        trained: !values.untrained,
        skipGate: values['skip-gate'] ?? false,
        signal,
        onProgress: (p) => bar.update(p),
        onNote: (n) => {
          bar.done();
          process.stderr.write(`note: ${n}\n`);
        },
        ...(variants ? { decoderVariants: variants as ConvertOptions['decoderVariants'] } : {}),
      });
      bar.done();
      const bytes = m.graphs.reduce((s, g) => s + g.bytes + (g.dataFile?.bytes ?? 0), 0);
      process.stdout.write(
        `wrote ${values.out}: ${m.graphs.length} graphs, ${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      if (m.precision) process.stdout.write(`${precisionSummary(m.precision)}\n`);
      return 0;
    } finally {
      bar.done();
    }
  },
};
