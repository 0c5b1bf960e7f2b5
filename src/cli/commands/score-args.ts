// Command-line options of `score`, parsed and checked before any work starts.
import { parseArgs } from 'node:util';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExportFormat } from '../../shared/export';
import type { DecoderVariant, ProviderRequest } from '../../inference';
import { UsageError } from '../command';
import { EP_USAGE, parseEp } from '../ep-option';

/** Everything `score` was asked to do. */
export interface ScoreArgs {
  video: string;
  output: string;
  format: ExportFormat;
  modelDir: string;
  cacheDir: string;
  windowSeconds?: number;
  overlapSeconds?: number;
  seed: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  cfg?: number;
  /** Global frames over the whole video (default: the bundle's, 32). */
  globalFrames?: number;
  provider: ProviderRequest;
  threads?: number;
  /** Decoder precision; 'auto' picks the fastest variant that passed the quality gate. */
  precision: 'auto' | DecoderVariant;
  json: boolean;
  /** Centre seams on the picture's cuts (detected with ffmpeg, cached beside the features). */
  sceneSeams: boolean;
  /** Keep the project in this library (the editor can open it); absent, a temporary library is removed. */
  library?: string;
}

/** Usage line of `score`. */
export const SCORE_USAGE =
  'score <video> -o <out.mp4|out.wav|out.flac> [--model DIR] [--window S] [--overlap S] [--seed N] [--temperature T] ' +
  `[--top-k K] [--top-p P] [--cfg C] [--global-frames N] ${EP_USAGE} [--threads N] [--precision auto|fp32|q8|q4|q8-kv8|fp16] [--cache DIR] [--scene-seams] [--library DIR] [--json]`;

/** The bundle committed with the app, used when --model is not given. */
export const DEFAULT_MODEL_DIR = fileURLToPath(
  new URL('../../../resources/models/tiny-untrained', import.meta.url),
);

const number = (
  v: string | undefined,
  name: string,
  check: (n: number) => boolean,
  want: string,
): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`--${name} must be ${want}, got "${v}"`);
  return n;
};

/** Parses `score` arguments; throws UsageError naming the bad option. */
export function parseScoreArgs(args: string[]): ScoreArgs {
  const { values: v, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      model: { type: 'string' },
      window: { type: 'string' },
      overlap: { type: 'string' },
      seed: { type: 'string' },
      temperature: { type: 'string' },
      'top-k': { type: 'string' },
      'top-p': { type: 'string' },
      cfg: { type: 'string' },
      'global-frames': { type: 'string' },
      ep: { type: 'string' },
      threads: { type: 'string' },
      cache: { type: 'string' },
      json: { type: 'boolean' },
      'scene-seams': { type: 'boolean' },
      precision: { type: 'string' },
      library: { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? 'give exactly one video' : 'no video given');
  if (!v.output) throw new UsageError('-o <output> is required');
  const format = extname(v.output).slice(1).toLowerCase();
  if (format !== 'mp4' && format !== 'wav' && format !== 'flac')
    throw new UsageError(`output must end in .mp4, .wav or .flac, got "${v.output}"`);
  const ep = parseEp(v.ep);
  const precision = v.precision ?? 'auto';
  if (!['auto', 'fp32', 'q8', 'q4', 'q8-kv8', 'fp16'].includes(precision))
    throw new UsageError(`--precision must be auto, fp32, q8, q4, q8-kv8 or fp16, got "${precision}"`);
  const int = (n: number): boolean => Number.isSafeInteger(n);
  // `npm run` starts in the package folder; paths on the command line are relative to where the user typed it.
  const here = (p: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), p);
  return {
    video: here(positionals[0]!),
    output: here(v.output),
    format,
    json: v.json ?? false,
    sceneSeams: v['scene-seams'] ?? false,
    modelDir: v.model ? here(v.model) : DEFAULT_MODEL_DIR,
    cacheDir: here(
      v.cache ?? process.env.VIDMUSE_CACHE_DIR ?? join(homedir(), '.cache', 'vidmuse-studio', 'features'),
    ),
    windowSeconds: number(v.window, 'window', (n) => n > 0, 'a positive number of seconds'),
    overlapSeconds: number(v.overlap, 'overlap', (n) => n >= 0, 'a number of seconds ≥ 0'),
    seed:
      number(v.seed, 'seed', (n) => int(n) && n >= 0 && n < 2 ** 32, 'a whole number from 0 to 4294967295') ??
      0,
    temperature: number(v.temperature, 'temperature', (n) => n >= 0.05 && n <= 5, 'between 0.05 and 5'),
    topK: number(
      v['top-k'],
      'top-k',
      (n) => int(n) && n >= 0 && n <= 100000,
      'a whole number from 0 to 100000',
    ),
    topP: number(v['top-p'], 'top-p', (n) => n >= 0 && n <= 1, 'between 0 and 1'),
    cfg: number(v.cfg, 'cfg', (n) => n >= 0 && n <= 20, 'between 0 and 20'),
    globalFrames: number(
      v['global-frames'],
      'global-frames',
      (n) => int(n) && n >= 1 && n <= 256,
      'a whole number from 1 to 256',
    ),
    ...(v.library ? { library: here(v.library) } : {}),
    provider: ep,
    precision: precision as ScoreArgs['precision'],
    threads: number(v.threads, 'threads', (n) => int(n) && n >= 1, 'a whole number ≥ 1'),
  };
}
