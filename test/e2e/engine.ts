// The real inference engine behind the e2e bridge: a worker_threads inference host running the tiny bundle,
// adapted to the studio's WindowGenerator the way the app's composition root adapts it.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { InferenceClient, startWorkerHost } from '../../src/inference';
import type { InferenceJobs } from '../../src/inference';
import type { WindowGenerator } from '../../src/main/studio';

/**
 * Leaves a core to the editor: onnxruntime's default (one spinning thread per core) starves the renderer on a
 * 2-core machine and shows up as long tasks in the UI.
 */
const UI_FRIENDLY = {
  intraOpThreads: Math.max(1, availableParallelism() - 1),
  config: { 'session.intra_op.allow_spinning': '0' },
};

/** A generator backed by a real inference host, and its disposal. */
export interface RealEngine {
  generator: WindowGenerator;
  dispose(): void;
}

/** Starts an inference host worker; features are cached under `cacheDir`. */
export function startRealEngine(cacheDir: string): RealEngine {
  mkdirSync(cacheDir, { recursive: true });
  const client = new InferenceClient<InferenceJobs>(() => startWorkerHost());
  const generator: WindowGenerator = async (req, opts) => {
    const { seed, temperature, topK, topP, cfgCoef } = req.params;
    const out = await client.run(
      'generateWindow',
      {
        engine: { modelDir: path.resolve(req.bundlePath), cacheDir, options: UI_FRIENDLY },
        videoPath: req.videoPath,
        range: { start: req.start, end: req.end },
        params: { seed, temperature, topK, topP, cfgCoef },
      },
      opts,
    );
    return { codes: out.take.codes, pcm: out.take.pcm };
  };
  return { generator, dispose: () => client.dispose() };
}
