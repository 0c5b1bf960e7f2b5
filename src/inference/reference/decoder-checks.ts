// Reference checks of the decoder and its generation loop: the full causal forward (step graph in prefill
// form), per-step guided logits, greedy codes of lm.generate and VidMuse.generate, and the two-window long run.
import path from 'node:path';
import { npyToF32 } from '../convert/npy';
import { DecoderModel } from '../generation/decoder-model';
import { generateTokens } from '../generation/generate';
import { StepFeeds } from '../generation/step-feeds';
import { DECODER_ROLES } from '../graphs/decoder-names';
import { TOLERANCE, type CheckResult, type ReferenceCheck, type ReferenceContext } from './check';
import { closeCheck, exactCheck } from './compare';
import { longTokensCheck } from './long-tokens-check';

/** Greedy generation parameters of the fixtures (cfg 3.0, argmax). */
export const GREEDY = {
  useSampling: false,
  temperature: 1,
  topK: 250,
  topP: 0,
  cfgCoef: 3,
  seed: 0,
} as const;

/** Loads the bundle's fp32 decoder. */
export async function loadDecoder(ctx: ReferenceContext): Promise<DecoderModel> {
  const file = (role: string): string => {
    const e = ctx.manifest.graphs.find((g) => g.role === role && g.variant === 'fp32');
    if (!e) throw new Error(`bundle has no fp32 ${role} graph`);
    return path.join(ctx.bundleDir, e.file);
  };
  return DecoderModel.loadFiles(
    ctx.manifest.lm,
    file(DECODER_ROLES.crossKv),
    file(DECODER_ROLES.step),
    'fp32',
    { provider: ctx.provider },
  );
}

/** Every decoder check the fixture set has tensors for. */
export const decoderChecks: ReferenceCheck = async (ctx) => {
  const decoder = await loadDecoder(ctx);
  try {
    const out: CheckResult[] = [];
    if (ctx.has('logits_pattern_logits')) out.push(await patternLogits(ctx, decoder));
    if (ctx.has('gen_codes')) out.push(...(await genCodes(ctx, decoder)));
    if (ctx.has('vidmuse_generate_tokens')) out.push(await vidmuseTokens(ctx, decoder));
    if (ctx.has('long_tokens')) out.push(await longTokensCheck(ctx, decoder));
    return out;
  } finally {
    await decoder.dispose();
  }
};

/** Full causal forward over the pattern sequence: the step graph with S = whole sequence, cfg 1 on duplicated rows. */
async function patternLogits(ctx: ReferenceContext, decoder: DecoderModel): Promise<CheckResult> {
  const seqRef = ctx.npy('logits_pattern_sequence');
  const [B, K, S] = seqRef.shape;
  const seq = Int32Array.from(seqRef.data as BigInt64Array, Number);
  const emb = npyToF32(ctx.npy('video_emb'));
  const memory = new Float32Array(2 * emb.length);
  memory.set(emb);
  memory.set(emb, emb.length);
  const cross = await decoder.crossKv(memory, 2 * B);
  const cache = decoder.newCache(2 * B, S);
  const out = await decoder.run(new StepFeeds(2 * B, K, cross, 1).build(seq, S, 0, S, cache));
  decoder.releaseOutputs(out);
  cache.release();
  decoder.releaseCross(cross);
  const ref = ctx.npy('logits_pattern_logits');
  return closeCheck(
    'logits_pattern_logits',
    out.logits.data as Float32Array,
    ref.data as Float32Array,
    TOLERANCE.logits,
    { ours: out.logits.dims, ref: ref.shape },
  );
}

/** lm.generate greedy on the CFG batch: per-call guided logits and the codes. */
async function genCodes(ctx: ReferenceContext, decoder: DecoderModel): Promise<CheckResult[]> {
  const ref = ctx.npy('gen_codes');
  const [B, K, T] = ref.shape;
  const memory = { data: npyToF32(ctx.npy('gen_cfg_video_emb')), rows: 2 * B };
  const card = decoder.lm.card;
  const logits = new Float32Array(
    ctx.has('gen_step_cfg_logits') ? ctx.npy('gen_step_cfg_logits').data.length : 0,
  );
  const r = await generateTokens(
    decoder,
    memory,
    { ...GREEDY, frames: T },
    {
      onLogits: (call, l) => {
        if ((call + 1) * B * K * card <= logits.length) logits.set(l, call * B * K * card);
      },
    },
  );
  const out: CheckResult[] = [];
  if (logits.length > 0)
    out.push(
      closeCheck(
        'gen_step_cfg_logits',
        logits,
        ctx.npy('gen_step_cfg_logits').data as Float32Array,
        TOLERANCE.logits,
      ),
    );
  out.push(exactCheck('gen_codes', r.codes, ref.data as BigInt64Array));
  return out;
}

/** VidMuse.generate for the first video alone: B = 1 (cond row 0, null row B of the CFG memory). */
async function vidmuseTokens(ctx: ReferenceContext, decoder: DecoderModel): Promise<CheckResult> {
  const ref = ctx.npy('vidmuse_generate_tokens');
  const all = ctx.npy('gen_cfg_video_emb');
  const [rows, M, C] = all.shape;
  const data = npyToF32(all);
  const memory = new Float32Array(2 * M * C);
  memory.set(data.subarray(0, M * C));
  memory.set(data.subarray((rows / 2) * M * C, (rows / 2 + 1) * M * C), M * C);
  const r = await generateTokens(decoder, { data: memory, rows: 2 }, { ...GREEDY, frames: ref.shape[2] });
  return exactCheck('vidmuse_generate_tokens', r.codes, ref.data as BigInt64Array);
}
