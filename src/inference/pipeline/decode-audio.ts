// The codec stage: EnCodec decoder, codes [1, K, S] → mono PCM at the codec's sample rate (hop samples per frame).
import type { OrtSession } from '../runtime/session';
import { tensor } from '../runtime/session';

/** PCM of codes [1, K, frames] (int32, row-major), cut to `samples` (≤ frames · hop). */
export async function decodeAudio(
  codec: OrtSession,
  codes: Int32Array,
  K: number,
  samples: number,
): Promise<Float32Array> {
  const frames = codes.length / K;
  const wide = BigInt64Array.from(codes, (c) => BigInt(c));
  const out = await codec.run({ codes: tensor('int64', wide, [1, K, frames]) }, ['waveform']);
  const pcm = out.waveform!.data as Float32Array;
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
