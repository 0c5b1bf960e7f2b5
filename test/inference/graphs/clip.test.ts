import { describe, expect, it } from 'vitest';
import { buildClipGraph } from '../../../src/inference/graphs/clip';
import { maxAbsDiff } from '../../../src/inference/reference/compare';
import { fixtureContext, fixtureTensor, fixtureValues, runBuilt } from './converted';

describe('visual_encoder graph (CLIP vision tower)', () => {
  it('reproduces last_hidden_state and image_embeds of the reference within 1e-4', async () => {
    const ctx = fixtureContext('lm');
    const g = buildClipGraph(ctx);
    expect(g.inputs).toEqual([{ name: 'pixel_values', dtype: 'float32', shape: ['frames', 3, 32, 32] }]);
    expect(g.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['last_hidden_state', ['frames', 5, 48]],
      ['image_embeds', ['frames', 32]],
    ]);
    for (const side of ['local', 'global']) {
      const out = await runBuilt(ctx, g, { pixel_values: fixtureTensor(`clip_${side}_pixel_values`) });
      expect(out.last_hidden_state.dims).toEqual([8, 5, 48]);
      expect(
        maxAbsDiff(
          out.last_hidden_state.data as Float32Array,
          fixtureValues(`clip_${side}_last_hidden_state`) as Float32Array,
        ),
      ).toBeLessThan(1e-4);
      if (side === 'local')
        expect(
          maxAbsDiff(
            out.image_embeds.data as Float32Array,
            fixtureValues('clip_local_image_embeds') as Float32Array,
          ),
        ).toBeLessThan(1e-4);
    }
    ctx.close();
  });

  it('takes any number of frames (one frame gives the first row of the batch)', async () => {
    const ctx = fixtureContext('lm');
    const g = buildClipGraph(ctx);
    const all = fixtureValues('clip_local_pixel_values') as Float32Array;
    const { tensor } = await import('../../../src/inference/runtime/session');
    const out = await runBuilt(ctx, g, {
      pixel_values: tensor('float32', all.slice(0, 3 * 32 * 32), [1, 3, 32, 32]),
    });
    expect(out.last_hidden_state.dims).toEqual([1, 5, 48]);
    const ref = (fixtureValues('clip_local_last_hidden_state') as Float32Array).subarray(0, 5 * 48);
    expect(maxAbsDiff(out.last_hidden_state.data as Float32Array, ref)).toBeLessThan(1e-4);
    ctx.close();
  });

  it('with --fp16 stores large weights as float16 and stays close to the reference', async () => {
    const ctx = fixtureContext('lm', 'float16');
    const g = buildClipGraph(ctx);
    const halves = [...g.initializers].filter(([, v]) => v.dtype === 'float16').map(([k]) => k);
    expect(halves).toEqual([
      'visual_encoder_model.vision_model.embeddings.patch_embedding.weight.f16',
      'visual_encoder_model.vision_model.encoder.layers.0.mlp.fc1.weight.T.f16',
      'visual_encoder_model.vision_model.encoder.layers.0.mlp.fc2.weight.T.f16',
      'visual_encoder_model.vision_model.encoder.layers.1.mlp.fc1.weight.T.f16',
      'visual_encoder_model.vision_model.encoder.layers.1.mlp.fc2.weight.T.f16',
    ]);
    const out = await runBuilt(ctx, g, { pixel_values: fixtureTensor('clip_local_pixel_values') });
    expect(
      maxAbsDiff(
        out.last_hidden_state.data as Float32Array,
        fixtureValues('clip_local_last_hidden_state') as Float32Array,
      ),
    ).toBeLessThan(1e-2);
    ctx.close();
  });
});
