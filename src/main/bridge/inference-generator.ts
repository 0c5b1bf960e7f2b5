// The studio's WindowGenerator backed by an inference host: each window is a 'generateWindow' job in the
// host (a utilityProcess in Electron, a worker thread under plain Node), so onnxruntime never runs on the
// transport's event loop and a crash there fails the job, not the app.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { InferenceClient, PROVIDER_NAMES } from '../../inference/client';
import type { EngineOptions, InferenceJobs, MessagePortLike, ProviderRequest } from '../../inference/client';
import { mediaHashHex } from '../../media/hash-media';
import type { InferenceProvider } from '../../shared/domain';
import type { BundleConverter, CodeDecoder, WindowGenerator } from '../service';

/** The host's videoHash field for a media hash it can use ({} for an unknown scheme: the host hashes then). */
function hashOf(mediaHash: string): { videoHash?: string } {
  const hex = mediaHashHex(mediaHash);
  return hex ? { videoHash: hex } : {};
}

/** A generator and the host behind it. */
export interface InferenceGenerator {
  generator: WindowGenerator;
  /** One codec decode of joined codes (a continuous run of takes) in the same host. */
  decoder: CodeDecoder;
  /** Converts a checkpoint in the host (the precision gate runs the new bundle's graphs). */
  converter: BundleConverter;
  /** The execution provider the host runs these options on, and why. */
  provider: () => Promise<InferenceProvider>;
  /** Stops the host gracefully (it releases its sessions and exits); running jobs fail as cancelled. */
  dispose(): Promise<void>;
}

/**
 * Engine settings for the editor: one core is left to the UI and onnxruntime's threads do not spin while they
 * wait, so playback and the timeline stay smooth while a window generates (the command line uses every core).
 */
export function editorEngineOptions(): EngineOptions {
  return {
    intraOpThreads: Math.max(1, availableParallelism() - 1),
    config: { 'session.intra_op.allow_spinning': '0' },
    ...providerFromEnv(),
  };
}

/** $VIDMUSE_EP picks the editor's execution provider as --ep does on the command line (default auto). */
function providerFromEnv(): Pick<EngineOptions, 'provider'> {
  const ep = process.env.VIDMUSE_EP;
  if (!ep) return {};
  if (ep === 'auto' || (PROVIDER_NAMES as readonly string[]).includes(ep))
    return { provider: ep as ProviderRequest };
  process.stderr.write(`VIDMUSE_EP=${ep} is not one of auto, ${PROVIDER_NAMES.join(', ')}; using auto\n`);
  return {};
}

/**
 * Creates a generator whose host is started on first use by `start`; CLIP features are cached in `cacheDir`;
 * `options` choose provider, threads and decoder precision.
 */
export function createInferenceGenerator(
  start: () => MessagePortLike,
  cacheDir: string,
  options: EngineOptions = editorEngineOptions(),
): InferenceGenerator {
  mkdirSync(cacheDir, { recursive: true });
  const client = new InferenceClient<InferenceJobs>(start);
  const generator: WindowGenerator = async (req, opts) => {
    const { seed, temperature, topK, topP, cfgCoef, globalFrames } = req.params;
    const out = await client.run(
      'generateWindow',
      {
        engine: { modelDir: path.resolve(req.bundlePath), cacheDir, options },
        videoPath: req.videoPath,
        // The studio hashed the video on import: the host keys its features by that, without reading it again.
        ...hashOf(req.videoHash),
        range: { start: req.start, end: req.end },
        params: { seed, temperature, topK, topP, cfgCoef, globalFrames },
        // Continuation: the previous take's codes over this window's start; the take begins with them.
        ...(req.prompt ? { prompt: req.prompt } : {}),
      },
      opts,
    );
    return { codes: out.take.codes, pcm: out.take.pcm };
  };
  const decoder: CodeDecoder = async (req, opts) =>
    (
      await client.run(
        'decodeCodes',
        {
          engine: { modelDir: path.resolve(req.bundlePath), cacheDir, options },
          codes: req.codes,
          samples: req.samples,
        },
        opts,
      )
    ).pcm;
  const converter: BundleConverter = async (input, opts) => {
    await client.run('convert', input, opts);
  };
  const provider = (): Promise<InferenceProvider> =>
    client.run('provider', { request: options.provider ?? 'auto' });
  return { generator, decoder, converter, provider, dispose: () => client.dispose() };
}
