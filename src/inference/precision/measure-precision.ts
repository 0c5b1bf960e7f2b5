// The precision gate, run on a bundle's own weights: the probe frames go through the bundle's CLIP and LSTV,
// the fp32 decoder generates 256 codec frames greedily, and every decoder variant is then run teacher-forced
// over that sequence (its first half in one call, the second half in another that reads the first from the
// self-attention cache, as generation does); its guided logits are compared with fp32's at every position.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import type { BundleManifest, PrecisionRecord } from '../bundle/types';
import type { FeatureTensor } from '../cache/feature-file';
import { globalFrameIndices } from '../frames/global-indices';
import { blackFrames } from '../frames/normalize';
import { DecoderModel } from '../generation/decoder-model';
import { DelayPattern } from '../generation/delay-pattern';
import type { VideoMemory } from '../generation/generate';
import { generateTokens } from '../generation/generate';
import { teacherForcedLogits } from '../generation/teacher-forced';
import { DECODER_ROLES, type DecoderVariant } from '../graphs/decoder-names';
import { encodeFrames, gatherRows } from '../pipeline/encode-frames';
import { videoMemory } from '../pipeline/video-memory';
import { localFrameIndices } from '../plan/local-frames';
import type { RuntimeOptions } from '../runtime/session';
import { OrtSession } from '../runtime/session';
import { chooseProvider } from '../runtime/providers';
import { defaultOf } from '../generation/variant-choice';
import { logitsAgreement } from './logits-agreement';
import { PROBE_FRAMES, probeFrames } from './probe-frames';

/** What a variant must reach against fp32 to pass, and the probe's length. */
export const GATE = {
  maxRelRmsLogitsError: 0.05,
  minArgmaxAgreement: 0.9,
  codecFrames: 256,
  cfgCoef: 3,
} as const;

/**
 * The gate on the CPU (the bundle's record), and again on the GPU provider 'auto' finds, if any (recorded under
 * byProvider): each provider's default is the fastest variant that passed against fp32 on that provider.
 */
export async function measurePrecisionPerProvider(
  dir: string,
  manifest: BundleManifest,
  opts: JobOptions & { runtime?: RuntimeOptions } = {},
): Promise<PrecisionRecord> {
  const cpu = await measurePrecision(dir, manifest, {
    ...opts,
    runtime: { ...opts.runtime, provider: 'cpu' },
  });
  const gpu = await chooseProvider(opts.runtime?.provider ?? 'auto');
  if (gpu.provider === 'cpu') return cpu;
  const rt = { ...opts.runtime, provider: gpu.provider };
  let other: PrecisionRecord;
  try {
    other = await measurePrecision(dir, manifest, { ...opts, runtime: rt });
  } catch (e) {
    if (e instanceof AppError && e.code === 'cancelled') throw e;
    // The bundle stays usable: the GPU then runs its order over the CPU's figures.
    const why = e instanceof Error ? e.message : String(e);
    process.stderr.write(`precision gate on ${gpu.provider} failed, CPU figures only: ${why}\n`);
    return cpu;
  }
  if (other.provider === 'cpu') return cpu;
  return { ...cpu, byProvider: { [other.provider!]: { measured: other.measured, default: other.default } } };
}

/** Measures every decoder variant of the bundle in `dir` against its fp32 decoder on the probe. */
export async function measurePrecision(
  dir: string,
  manifest: BundleManifest,
  opts: JobOptions & { runtime?: RuntimeOptions } = {},
): Promise<PrecisionRecord> {
  const rt = opts.runtime ?? {};
  const variants = manifest.graphs.filter((g) => g.role === DECODER_ROLES.step).map((g) => g.variant);
  if (!variants.includes('fp32'))
    throw new AppError(
      'bad-bundle',
      `Bundle ${manifest.id} has no fp32 decoder to measure the others against`,
    );
  const others = variants.filter((v) => v !== 'fp32') as DecoderVariant[];
  const total = 2 + others.length;
  const step = (done: number): void =>
    opts.onProgress?.({ stage: 'gate', done, total, etaSeconds: null, detail: 'decoder precision' });
  step(0);
  const memory = await probeMemory(dir, manifest, rt);
  const fp32 = await DecoderModel.load(dir, manifest, 'fp32', rt);
  const fp32Provider = fp32.provider;
  let codes: Int32Array;
  let ref: Float32Array;
  try {
    const params = { frames: GATE.codecFrames, cfgCoef: GATE.cfgCoef, seed: 0, useSampling: false };
    codes = (await generateTokens(fp32, memory, { ...params, temperature: 1, topK: 0, topP: 0 }, opts)).codes;
    step(1);
    ref = await teacherForced(fp32, memory, codes);
  } finally {
    await fp32.dispose();
  }
  step(2);
  const measured: PrecisionRecord['measured'] = {
    fp32: { relRmsLogitsError: 0, argmaxAgreement: 1, passed: true },
  };
  for (const [i, v] of others.entries()) {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled');
    const dec = await DecoderModel.load(dir, manifest, v, rt);
    try {
      const a = logitsAgreement(ref, await teacherForced(dec, memory, codes), manifest.lm.card);
      // Four significant digits: the last ones differ between CPUs (vector widths), the verdict does not.
      measured[v] = {
        relRmsLogitsError: Number(a.relRmsLogitsError.toPrecision(4)),
        argmaxAgreement: Number(a.argmaxAgreement.toPrecision(4)),
        passed: passes(a),
      };
    } finally {
      await dec.dispose();
    }
    step(3 + i);
  }
  const provider = fp32Provider;
  return {
    measured,
    default: defaultOf(measured, provider),
    provider,
    gate: {
      maxRelRmsLogitsError: GATE.maxRelRmsLogitsError,
      minArgmaxAgreement: GATE.minArgmaxAgreement,
      positions: new DelayPattern(GATE.codecFrames, manifest.lm.delays).steps,
      probe: `${PROBE_FRAMES} generated frames, greedy fp32 codes, CFG ${GATE.cfgCoef}`,
    },
  };
}

const passes = (a: { relRmsLogitsError: number; argmaxAgreement: number }): boolean =>
  a.relRmsLogitsError <= GATE.maxRelRmsLogitsError && a.argmaxAgreement >= GATE.minArgmaxAgreement;

/** The CFG-batch video memory of the probe, through the bundle's own CLIP and LSTV. */
async function probeMemory(dir: string, m: BundleManifest, rt: RuntimeOptions): Promise<VideoMemory> {
  const file = (role: string): string => {
    const g = m.graphs.find((x) => x.role === role);
    if (!g) throw new AppError('bad-bundle', `Bundle ${m.id} has no ${role} graph`);
    return path.join(dir, g.file);
  };
  const visual = await OrtSession.load(file('visual_encoder'), rt);
  const lstv = await OrtSession.load(file('lstv'), rt).catch(async (e: unknown) => {
    await visual.dispose();
    throw e;
  });
  try {
    const frames = probeFrames(m.video.imageSize, m.video.fps);
    const features = await encodeFrames(visual, frames, m.video);
    const black = await encodeFrames(visual, blackFrames(frames.spec, 1), m.video);
    const G = m.video.globalFrames;
    const global: FeatureTensor = {
      dims: [G, ...features.dims.slice(1)],
      data: gatherRows(features, globalFrameIndices(PROBE_FRAMES, G)),
    };
    const range = { start: 0, end: GATE.codecFrames * m.audio.hopLength };
    const local = localFrameIndices(range, m.video.fps, m.audio.sampleRate, PROBE_FRAMES);
    return await videoMemory({ lstv }, features, black, local, global);
  } finally {
    await Promise.all([visual.dispose(), lstv.dispose()]);
  }
}

/**
 * Guided logits [K, steps, card] of `codes` teacher-forced: the first half of the delayed sequence in one call,
 * the second half in another that reads the first half from the self-attention cache (as generation does).
 */
async function teacherForced(
  dec: DecoderModel,
  memory: VideoMemory,
  codes: Int32Array,
): Promise<Float32Array> {
  const lm = dec.lm;
  const pattern = new DelayPattern(codes.length / lm.nQ, lm.delays);
  const seq = pattern.apply(codes, 1, lm.card);
  const S = pattern.steps;
  const cross = await dec.crossKv(memory.data, memory.rows);
  try {
    const forced = { seq, steps: S, count: S, split: Math.floor(S / 2) };
    return await teacherForcedLogits(dec, cross, forced, 2, GATE.cfgCoef);
  } finally {
    dec.releaseCross(cross);
  }
}
