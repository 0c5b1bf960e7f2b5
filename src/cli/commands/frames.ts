// `frames`: the uint8 frames the model is shown for a video, [T, 3, H, W] at the bundle's frame rate and image
// size, as an .npy file: for checking what a bundle sees of a video, and for tests.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFrames, frameSpecOf, loadBundle, writeNpy } from '../../inference';
import { UsageError, type Command } from '../command';
import { ProgressBar } from '../progress-bar';
import { DEFAULT_MODEL_DIR } from './score-args';

/** The frames command. */
export const framesCommand: Command = {
  summary: 'write the uint8 frames the model sees of a video, [T, 3, H, W], as .npy',
  usage: 'frames <video> --out <frames.npy> [--model DIR]',
  tools: ['ffmpeg', 'ffprobe'],
  async run(args, signal) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, model: { type: 'string' } },
    });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give exactly one video' : 'no video given');
    if (!values.out?.endsWith('.npy')) throw new UsageError('--out <file.npy> is required');
    const here = (p: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), p);
    const manifest = await loadBundle(values.model ? here(values.model) : DEFAULT_MODEL_DIR, {
      verify: 'cached',
    });
    const spec = frameSpecOf(manifest);
    const bar = new ProgressBar(process.stderr, 'count');
    const f = await extractFrames(here(positionals[0]!), spec, { signal, onProgress: (p) => bar.update(p) });
    bar.done();
    const out = here(values.out);
    writeNpy(out, { dtype: 'uint8', shape: [f.count, 3, spec.height, spec.width], data: f.data });
    process.stdout.write(
      `wrote ${out}: ${f.count} frames, 3×${spec.height}×${spec.width} uint8; frame k is the frame shown at k/${spec.fps} s\n`,
    );
    return 0;
  },
};
