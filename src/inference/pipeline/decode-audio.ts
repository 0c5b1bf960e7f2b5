// The codec stage: EnCodec decoder, codes [1, K, S] → mono PCM at the codec's sample rate (hop samples per frame).
// A long code stream (a run of continuous windows) is decoded in pieces: each piece is decoded with context
// frames on both sides and only its core is kept, so memory stays that of one piece (a 3-minute stream decoded
// at once needs about 10 GB at EnCodec 32 kHz's size) while the samples match the one decode: the convolutions
// see the same neighbours, and the LSTM's state from the left context has converged to the whole stream's.
import type { OrtSession } from '../runtime/session';
import { tensor } from '../runtime/session';
import { PieceCache } from './piece-cache';

/** How a long stream is cut: core frames kept per piece, context frames decoded before and after it. */
export interface DecodePieces {
  core: number;
  left: number;
  right: number;
}

/** Pieces of 30 s with 5 s of context before and 1 s after (50 Hz frames). */
export const DECODE_PIECES: DecodePieces = { core: 1500, left: 250, right: 50 };

/** Codes [K, to − from] of columns [from, to) of codes [K, frames]. */
function columns(codes: Int32Array, K: number, from: number, to: number): Int32Array {
  const frames = codes.length / K;
  const out = new Int32Array(K * (to - from));
  for (let k = 0; k < K; k++) out.set(codes.subarray(k * frames + from, k * frames + to), k * (to - from));
  return out;
}

async function decodeWhole(codec: OrtSession, codes: Int32Array, K: number): Promise<Float32Array> {
  const wide = BigInt64Array.from(codes, (c) => BigInt(c));
  const out = await codec.run({ codes: tensor('int64', wide, [1, K, codes.length / K]) }, ['waveform']);
  return out.waveform!.data as Float32Array;
}

/** PCM of codes [1, K, frames] (int32, row-major), cut to `samples` (≤ frames · hop); `cache` keeps pieces. */
export async function decodeAudio(
  codec: OrtSession,
  codes: Int32Array,
  K: number,
  samples: number,
  pieces: DecodePieces = DECODE_PIECES,
  cache: PieceCache | null = null,
): Promise<Float32Array> {
  const frames = codes.length / K;
  let pcm: Float32Array;
  if (frames <= pieces.core + pieces.left + pieces.right) pcm = await decodeWhole(codec, codes, K);
  else {
    pcm = new Float32Array(0);
    for (let a = 0; a < frames; a += pieces.core) {
      const b = Math.min(frames, a + pieces.core);
      const from = Math.max(0, a - pieces.left);
      const ctx = columns(codes, K, from, Math.min(frames, b + pieces.right));
      const core = async () => {
        const piece = await decodeWhole(codec, ctx, K);
        const perFrame = piece.length / (ctx.length / K);
        return piece.slice((a - from) * perFrame, (b - from) * perFrame);
      };
      const kept = cache ? await cache.get(PieceCache.key(ctx, K, a - from, b - from), core) : await core();
      const hop = kept.length / (b - a);
      if (pcm.length === 0) pcm = new Float32Array(frames * hop);
      pcm.set(kept, a * hop);
    }
  }
  if (samples > pcm.length) throw new RangeError(`asked for ${samples} samples of ${pcm.length}`);
  return pcm.slice(0, samples);
}

/** Codes [K, frames] of whole codec frames of mono PCM (samples beyond the last whole frame are dropped). */
export async function encodeAudio(
  encoder: OrtSession,
  pcm: Float32Array,
  hop: number,
): Promise<{ codes: Int32Array; frames: number }> {
  const frames = Math.floor(pcm.length / hop);
  if (frames === 0) return { codes: new Int32Array(0), frames: 0 };
  const wave = pcm.slice(0, frames * hop);
  const out = await encoder.run({ waveform: tensor('float32', wave, [1, 1, wave.length]) }, ['codes']);
  const wide = out.codes!.data as BigInt64Array;
  return {
    codes: Int32Array.from(wide, (c) => Number(c)),
    frames: wide.length / (out.codes!.dims[1] as number),
  };
}
