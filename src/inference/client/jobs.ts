// The jobs the production inference host serves, as the client sees them: inputs and results only (types,
// so a client that imports them loads nothing of the engine).
import type { SampleRange } from '../../shared/time';
import type { EngineOptions } from '../pipeline/engine';
import type { PromptCodes, TakeParams, WindowTake } from '../pipeline/generate-window';
import type { ScoreRequest, ScoreResult } from '../pipeline/score-video';
import type { ProviderName, ProviderRequest } from './providers';
import type { JobSpec } from './protocol';

/** Which bundle to run, how, and where its feature cache lives. */
export interface EngineRef {
  modelDir: string;
  cacheDir: string;
  options?: EngineOptions;
}

/** What analysing a video tells the caller. */
export interface AnalyseSummary {
  videoHash: string;
  totalSamples: number;
  frames: number;
  /** True when the features came from the cache. */
  cached: boolean;
  /** Frames run through CLIP by this job (0 when cached). */
  clipFrames: number;
}

/** Job kinds of the inference host. */
export interface InferenceJobs {
  ping: JobSpec<{ echo: string }, { echo: string }>;
  analyse: JobSpec<{ engine: EngineRef; videoPath: string; videoHash?: string }, AnalyseSummary>;
  generateWindow: JobSpec<
    {
      engine: EngineRef;
      videoPath: string;
      /** Hex sha256 of the video's bytes when the caller knows it: the host then does not hash the file. */
      videoHash?: string;
      range: SampleRange;
      params: TakeParams;
      /** Continuation: codes [K, P] the take starts with, or the PCM they encode (whole codec frames from range.start). */
      prompt?: PromptCodes;
      promptPcm?: Float32Array;
    },
    { take: WindowTake; clipFrames: number }
  >;
  score: JobSpec<{ engine: EngineRef; request: ScoreRequest }, ScoreResult & { clipFrames: number }>;
  /**
   * Converts the released checkpoint into a bundle in `outDir`, precision gate included: the gate runs the
   * bundle's graphs, so conversion belongs in the host, not in the process that serves the UI.
   */
  convert: JobSpec<
    { lmCheckpoint: string; codecDir: string; outDir: string; fp16: boolean; id: string },
    { outDir: string }
  >;
  /** The execution provider this host runs a request on, and why (the decision is made once per host). */
  provider: JobSpec<{ request: ProviderRequest }, { provider: ProviderName; reason: string }>;
  /** One codec decode of codes [K, frames] (a joined run of takes), cut to `samples`. */
  decodeCodes: JobSpec<{ engine: EngineRef; codes: Int32Array; samples: number }, { pcm: Float32Array }>;
}
