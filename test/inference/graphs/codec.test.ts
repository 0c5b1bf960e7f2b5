import { describe, expect, it } from 'vitest';
import { buildCodecDecoderGraph, buildCodecEncoderGraph } from '../../../src/inference/graphs/codec';
import { weightNorm } from '../../../src/inference/graphs/codec-blocks';
import { maxAbsDiff } from '../../../src/inference/reference/compare';
import { fixtureContext, fixtureTensor, fixtureValues, runBuilt } from './converted';

describe('codec graphs', () => {
  it('materialises weight norm as g·v/‖v‖ per output row', () => {
    const w = weightNorm(new Float32Array([2, 10]), new Float32Array([3, 4, 0, 1]));
    expect(Array.from(w)).toEqual([1.2000000476837158, 1.600000023841858, 0, 10]);
  });

  it('codec_decoder reproduces the codebook sum and the waveform within 1e-5', async () => {
    const ctx = fixtureContext('codec');
    const g = buildCodecDecoderGraph(ctx);
    const out = await runBuilt(ctx, g, { codes: fixtureTensor('codec_decode_input_codes') });
    expect(out.waveform.dims).toEqual([1, 1, 16000]);
    expect(
      maxAbsDiff(
        out.latent.data as Float32Array,
        fixtureValues('codec_decode_quantized_latent') as Float32Array,
      ),
    ).toBeLessThan(1e-5);
    expect(
      maxAbsDiff(out.waveform.data as Float32Array, fixtureValues('codec_decode_waveform') as Float32Array),
    ).toBeLessThan(1e-5);
    ctx.close();
  });

  it('codec_encoder reproduces the latent within 1e-5 and the codes exactly', async () => {
    const ctx = fixtureContext('codec');
    const g = buildCodecEncoderGraph(ctx);
    const out = await runBuilt(ctx, g, { waveform: fixtureTensor('codec_encode_input_waveform') });
    expect(out.codes.dims).toEqual([1, 4, 25]);
    expect(
      maxAbsDiff(out.latent.data as Float32Array, fixtureValues('codec_encode_latent') as Float32Array),
    ).toBeLessThan(1e-5);
    expect(Array.from(out.codes.data as BigInt64Array)).toEqual(
      Array.from(fixtureValues('codec_encode_codes') as BigInt64Array),
    );
    ctx.close();
  });

  it('codec_encoder pads a length that is not a multiple of the hop (ceil(N/640) frames)', async () => {
    const ctx = fixtureContext('codec');
    const g = buildCodecEncoderGraph(ctx);
    const { tensor } = await import('../../../src/inference/runtime/session');
    const wav = (fixtureValues('codec_encode_input_waveform') as Float32Array).slice(0, 1000);
    const out = await runBuilt(ctx, g, { waveform: tensor('float32', wav, [1, 1, 1000]) });
    expect(out.codes.dims).toEqual([1, 4, 2]);
    ctx.close();
  });
});
