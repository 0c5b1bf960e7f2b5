// The studio's WindowGenerator backed by an inference host: each window is a 'generateWindow' job in the
// host (a utilityProcess in Electron, a worker thread under plain Node), so onnxruntime never runs on the
// transport's event loop and a crash there fails the job, not the app.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { InferenceClient } from '../../inference';
import type { InferenceJobs, MessagePortLike } from '../../inference';
import type { WindowGenerator } from '../studio';

/** A generator and the host behind it. */
export interface InferenceGenerator {
  generator: WindowGenerator;
  /** Stops the host gracefully (it releases its sessions and exits); running jobs fail as cancelled. */
  dispose(): Promise<void>;
}

/** Creates a generator whose host is started on first use by `start`; CLIP features are cached in `cacheDir`. */
export function createInferenceGenerator(start: () => MessagePortLike, cacheDir: string): InferenceGenerator {
  mkdirSync(cacheDir, { recursive: true });
  const client = new InferenceClient<InferenceJobs>(start);
  const generator: WindowGenerator = async (req, opts) => {
    const { seed, temperature, topK, topP, cfgCoef } = req.params;
    const out = await client.run(
      'generateWindow',
      {
        engine: { modelDir: path.resolve(req.bundlePath), cacheDir },
        videoPath: req.videoPath,
        range: { start: req.start, end: req.end },
        params: { seed, temperature, topK, topP, cfgCoef },
        // Continuation: the previous take's codes over this window's start; the take begins with them.
        ...(req.prompt ? { prompt: req.prompt } : {}),
      },
      opts,
    );
    return { codes: out.take.codes, pcm: out.take.pcm };
  };
  return { generator, dispose: () => client.dispose() };
}
