// Reference checks of the codec graphs: decode (codebook sum + waveform), encode (latent, exact codes,
// decode of the encoded codes) and the audio of the reference generation.
import { TOLERANCE, type CheckResult, type ReferenceCheck } from './check';
import { closeCheck, exactCheck } from './compare';
import { feed, runGraph, type RunOutputs } from './graph-runner';
import type { NpyArray } from '../convert/npy';

const f32 = (o: RunOutputs[string]): Float32Array => o.data as Float32Array;
const shapes = (o: RunOutputs[string], r: NpyArray): { ours: readonly number[]; ref: readonly number[] } => ({
  ours: o.dims,
  ref: r.shape,
});

/** codec_decoder and codec_encoder against the fixture. */
export const codecChecks: ReferenceCheck = async (ctx) => {
  const out: CheckResult[] = [];
  const dec = await runGraph(ctx, 'codec_decoder', { codes: feed(ctx.npy('codec_decode_input_codes')) });
  const lat = ctx.npy('codec_decode_quantized_latent');
  out.push(
    closeCheck(
      'codec_decode_quantized_latent',
      f32(dec.latent),
      lat.data as Float32Array,
      TOLERANCE.waveform,
      shapes(dec.latent, lat),
    ),
  );
  const wav = ctx.npy('codec_decode_waveform');
  out.push(
    closeCheck(
      'codec_decode_waveform',
      f32(dec.waveform),
      wav.data as Float32Array,
      TOLERANCE.waveform,
      shapes(dec.waveform, wav),
    ),
  );
  const enc = await runGraph(ctx, 'codec_encoder', {
    waveform: feed(ctx.npy('codec_encode_input_waveform')),
  });
  const elat = ctx.npy('codec_encode_latent');
  out.push(
    closeCheck(
      'codec_encode_latent',
      f32(enc.latent),
      elat.data as Float32Array,
      TOLERANCE.waveform,
      shapes(enc.latent, elat),
    ),
  );
  out.push(
    exactCheck(
      'codec_encode_codes',
      enc.codes.data as BigInt64Array,
      ctx.npy('codec_encode_codes').data as BigInt64Array,
    ),
  );
  const rt = await runGraph(ctx, 'codec_decoder', {
    codes: feed({ dtype: 'int64', shape: [...enc.codes.dims], data: enc.codes.data }),
  });
  const rtRef = ctx.npy('codec_encode_decode_waveform');
  out.push(
    closeCheck(
      'codec_encode_decode_waveform',
      f32(rt.waveform),
      rtRef.data as Float32Array,
      TOLERANCE.waveform,
      shapes(rt.waveform, rtRef),
    ),
  );
  if (ctx.has('vidmuse_generate_audio') && ctx.has('vidmuse_generate_tokens')) {
    const gen = await runGraph(ctx, 'codec_decoder', { codes: feed(ctx.npy('vidmuse_generate_tokens')) });
    const audio = ctx.npy('vidmuse_generate_audio');
    out.push(
      closeCheck(
        'vidmuse_generate_audio (from reference tokens)',
        f32(gen.waveform),
        audio.data as Float32Array,
        TOLERANCE.waveform,
        shapes(gen.waveform, audio),
      ),
    );
  }
  return out;
};
