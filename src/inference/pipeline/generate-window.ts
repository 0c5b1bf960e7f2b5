// One take of one window: LSTV on the window's own frames (features come from the analysed video, so no
// CLIP runs here), token generation, then the codec. Regenerating a window is just calling this again.
import { AppError } from '../../shared/errors';
import type { JobOptions, Progress } from '../../shared/progress';
import type { SampleRange } from '../../shared/time';
import type { FeatureTensor } from '../cache/feature-file';
import { generateTokens } from '../generation/generate';
import { localFrameIndices } from '../plan/local-frames';
import type { AnalysedVideo } from './analyse-video';
import { decodeAudio, encodeAudio } from './decode-audio';
import type { Engine } from './engine';
import { videoMemory } from './video-memory';
import { codeColumns, type PromptCodes } from '../../shared/timeline/code-columns';

/** Sampling and guidance of a take; temperature 0 means greedy. */
export interface TakeParams {
  seed: number;
  temperature: number;
  topK: number;
  topP: number;
  cfgCoef: number;
  /** Global frames over the whole video (default: the bundle's); the window context must hold as many. */
  globalFrames?: number;
}

export type { PromptCodes };

/** A generated take of a window. */
export interface WindowTake {
  range: SampleRange;
  params: TakeParams;
  /** Codes [K, codecFrames] in original alignment (prompt included), row-major. */
  codes: Int32Array;
  codebooks: number;
  codecFrames: number;
  /** Mono PCM at the codec's sample rate, exactly range.end − range.start samples. */
  pcm: Float32Array;
}

/** The parts of an analysed video that window generation reads. */
export interface WindowContext {
  video: AnalysedVideo;
  /** CLIP features of the global frames [G, tokens, hidden] (see globalFeatures). */
  global: FeatureTensor;
  nullFrame: FeatureTensor;
}

/** Generates one take for `range` (start on a codec frame); progress stages lstv → decode → codec. */
export async function generateWindow(
  engine: Engine,
  ctx: WindowContext,
  range: SampleRange,
  params: TakeParams,
  opts: JobOptions & { prompt?: PromptCodes; promptPcm?: Float32Array; detail?: string } = {},
): Promise<WindowTake> {
  const m = engine.manifest;
  const hop = m.audio.hopLength;
  if (range.start % hop !== 0 || range.end <= range.start || range.end > ctx.video.totalSamples)
    throw new AppError(
      'invalid-input',
      `Window [${range.start}, ${range.end}) is not inside the video on codec frame boundaries`,
    );
  const codecFrames = Math.ceil((range.end - range.start) / hop);
  // The provider and decoder precision travel with every report: the jobs panel and the CLI show them.
  const detail = [opts.detail, engine.runtimeLabel].filter(Boolean).join(' · ');
  const report = (p: Progress): void => opts.onProgress?.({ ...p, detail });
  const frameCount = ctx.video.features.dims[0]!;
  report({ stage: 'lstv', done: 0, total: 1, etaSeconds: null });
  const local = localFrameIndices(range, m.video.fps, m.audio.sampleRate, frameCount);
  const memory = await videoMemory(engine, ctx.video.features, ctx.nullFrame, local, ctx.global);
  report({ stage: 'lstv', done: 1, total: 1, etaSeconds: 0 });
  const given = opts.prompt ?? (opts.promptPcm ? await pcmPrompt(engine, opts.promptPcm) : undefined);
  const prompt =
    given && given.frames > 0
      ? { codes: given.codes, frames: Math.min(given.frames, codecFrames - 1) }
      : undefined;
  const gen = await generateTokens(
    engine.decoder,
    memory,
    {
      frames: codecFrames,
      cfgCoef: params.cfgCoef,
      seed: params.seed,
      useSampling: params.temperature > 0,
      temperature: params.temperature,
      topK: params.topK,
      topP: params.topP,
      prompt: prompt && trimPrompt(prompt, m.audio.codebooks),
    },
    { signal: opts.signal, onProgress: report },
  );
  if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
  report({ stage: 'codec', done: 0, total: 1, etaSeconds: null });
  const pcm = await decodeAudio(engine.codec, gen.codes, m.audio.codebooks, range.end - range.start);
  report({ stage: 'codec', done: 1, total: 1, etaSeconds: 0 });
  return {
    range: { start: range.start, end: range.end },
    params,
    codes: gen.codes,
    codebooks: m.audio.codebooks,
    codecFrames,
    pcm,
  };
}

/** Codes of an audio prompt (the previous take's tail over this window's start), via the codec encoder. */
async function pcmPrompt(engine: Engine, pcm: Float32Array): Promise<PromptCodes> {
  const m = engine.manifest;
  if (!engine.codecEncoder)
    throw new AppError(
      'bad-bundle',
      `Bundle ${m.id} has no codec_encoder graph: it cannot continue from audio`,
    );
  if (m.codec.codebookSize > m.lm.card)
    throw new AppError(
      'bad-bundle',
      `Bundle ${m.id} cannot continue from audio: its codec has ${m.codec.codebookSize} codes per codebook but the decoder knows ${m.lm.card}`,
    );
  return encodeAudio(engine.codecEncoder, pcm, engine.manifest.audio.hopLength);
}

/** The first `frames` columns of prompt codes [K, P]. */
function trimPrompt(p: PromptCodes, K: number): PromptCodes {
  return p.frames === p.codes.length / K ? p : codeColumns(p.codes, K, 0, p.frames);
}
