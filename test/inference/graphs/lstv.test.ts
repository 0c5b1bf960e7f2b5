import { describe, expect, it } from 'vitest';
import { buildLstvGraph } from '../../../src/inference/graphs/lstv';
import { maxAbsDiff } from '../../../src/inference/reference/compare';
import { fixtureContext, fixtureTensor, fixtureValues, runBuilt } from './converted';

const names = [
  ['local_tt_input', 'lstv_local_tt_input'],
  ['local_tt_output', 'lstv_local_tt_output'],
  ['global_tt_input', 'lstv_global_tt_input'],
  ['global_tt_output', 'lstv_global_tt_output'],
  ['fused', 'lstv_fused'],
  ['video_emb', 'video_emb'],
];

describe('lstv graph', () => {
  for (const fused of [false, true]) {
    it(`reproduces every LSTV intermediate and video_emb within 1e-4 (${fused ? 'fused MultiHeadAttention' : 'primitive attention'})`, async () => {
      const ctx = fixtureContext('lm');
      const g = buildLstvGraph(ctx, { fused });
      const out = await runBuilt(ctx, g, {
        local_hidden: fixtureTensor('clip_local_last_hidden_state', [2, 4, 5, 48]),
        global_hidden: fixtureTensor('clip_global_last_hidden_state', [2, 4, 5, 48]),
      });
      expect(out.video_emb.dims).toEqual([2, 20, 64]);
      for (const [ours, ref] of names)
        expect(
          maxAbsDiff(out[ours].data as Float32Array, fixtureValues(ref) as Float32Array),
          ours,
        ).toBeLessThan(1e-4);
      ctx.close();
    });
  }

  it('accepts local and global windows of different lengths', async () => {
    const ctx = fixtureContext('lm');
    const g = buildLstvGraph(ctx);
    const { tensor } = await import('../../../src/inference/runtime/session');
    const local = (fixtureValues('clip_local_last_hidden_state') as Float32Array).slice(0, 3 * 5 * 48);
    const global = fixtureValues('clip_global_last_hidden_state') as Float32Array;
    const out = await runBuilt(ctx, g, {
      local_hidden: tensor('float32', local, [1, 3, 5, 48]),
      global_hidden: tensor('float32', global, [1, 8, 5, 48]),
    });
    expect(out.video_emb.dims).toEqual([1, 15, 64]);
    ctx.close();
  });
});
