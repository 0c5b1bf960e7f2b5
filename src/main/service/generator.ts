// What the studio needs from inference to make one take: the window, the video, the bundle and the
// parameters in; codes and mono PCM at the bundle's sample rate out.
import type { GenerationParams } from '../../shared/domain';
import type { JobOptions } from '../../shared/progress';
import type { PromptCodes } from '../../shared/timeline/code-columns';

/** One window to generate. */
export interface WindowRequest {
  bundlePath: string;
  bundleId: string;
  videoPath: string;
  /** Content hash of the video (the CLIP feature cache key). */
  videoHash: string;
  /** Window [start, end) in samples at `sampleRate`. */
  start: number;
  end: number;
  sampleRate: number;
  totalSamples: number;
  /** Parameters with the take's own seed. */
  params: GenerationParams;
  /**
   * Continuation: codes [codebooks, frames] (row-major) of the previous window's selected take over the start
   * of this window, which the new take begins with; null when continuation is off or there is none.
   */
  prompt: PromptCodes | null;
}

export type { PromptCodes };

/** The generated take: codes (codebooks × frames, row-major) and PCM of exactly end − start samples. */
export interface GeneratedWindow {
  codes: Int32Array;
  pcm: Float32Array;
}

/** Generates one window, reporting progress and stopping when the signal aborts. */
export type WindowGenerator = (req: WindowRequest, opts: JobOptions) => Promise<GeneratedWindow>;
