import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReferenceCheck } from '../../../src/inference/reference/run-reference';
import { formatResults } from '../../../src/inference/reference/table';
import { closeCheck, exactCheck, maxAbsDiff } from '../../../src/inference/reference/compare';
import { FIXTURE, tmpDir } from '../convert/helpers';

describe('reference check', () => {
  it('passes every comparison on the fixture set, within the README tolerances', async () => {
    const results = await runReferenceCheck(FIXTURE);
    expect(results.filter((r) => !r.pass)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual([
      'clip_local_pixel_values',
      'clip_local_last_hidden_state',
      'clip_local_image_embeds',
      'clip_global_pixel_values',
      'clip_global_last_hidden_state',
      'lstv_local_tt_input',
      'lstv_local_tt_output',
      'lstv_global_tt_input',
      'lstv_global_tt_output',
      'lstv_fused',
      'video_emb',
      'gen_cfg_local_pixel_values',
      'gen_cfg_global_pixel_values',
      'gen_cfg_video_emb',
      'codec_decode_quantized_latent',
      'codec_decode_waveform',
      'codec_encode_latent',
      'codec_encode_codes',
      'codec_encode_decode_waveform',
      'vidmuse_generate_audio (from reference tokens)',
      'logits_pattern_logits',
      'gen_step_cfg_logits',
      'gen_codes',
      'vidmuse_generate_tokens',
      'long_tokens',
      'pipeline: tokens from frames',
      'pipeline: audio from frames',
    ]);
    const pixels = results.filter((r) => r.name.endsWith('pixel_values'));
    expect(pixels.map((r) => r.maxAbsError)).toEqual([0, 0, 0, 0]);
    expect(formatResults(results)).toMatch(/all 27 checks passed$/);
  });

  it('fails the comparisons of a fixture whose reference tensor was altered, and the table says so', async () => {
    const dir = path.join(tmpDir('ref'), 'fx');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const f = path.join(dir, 'tensors/video_emb.npy');
    fs.chmodSync(f, 0o644);
    const b = fs.readFileSync(f);
    b.writeFloatLE(b.readFloatLE(b.length - 4) + 0.01, b.length - 4);
    fs.writeFileSync(f, b);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
    for (const k of Object.keys(index.tensors))
      if (/^(logits|gen_|long_|vidmuse)/.test(k) && k !== 'gen_cfg_video_emb') delete index.tensors[k];
    fs.chmodSync(path.join(dir, 'index.json'), 0o644);
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
    const results = await runReferenceCheck(dir, {
      checks: { video: (await import('../../../src/inference/reference/video-checks')).videoChecks },
    });
    const failed = results.filter((r) => !r.pass);
    expect(failed.map((r) => r.name)).toEqual(['video_emb']);
    expect(failed[0].maxAbsError).toBeGreaterThan(0.009);
    expect(formatResults(results)).toMatch(/1 of 11 checks FAILED$/);
  });

  it('compares with NaN positions, shapes and exact integers', () => {
    expect(maxAbsDiff([1, NaN, 3], [1.5, NaN, 3])).toBe(0.5);
    expect(maxAbsDiff([1, NaN], [1, 2])).toBe(Infinity);
    expect(closeCheck('x', [1], [1], 0, { ours: [1], ref: [1, 1] })).toMatchObject({
      pass: false,
      detail: 'shape [1] vs reference [1,1]',
    });
    expect(exactCheck('c', new BigInt64Array([1n, 2n, 3n]), new BigInt64Array([1n, 5n, 3n]))).toMatchObject({
      pass: false,
      detail: '1 of 3 differ, first at flat index 1',
    });
  });

  it('refuses a folder without index.json', async () => {
    const dir = tmpDir('ref');
    await expect(runReferenceCheck(dir)).rejects.toThrow(
      `${path.join(dir, 'index.json')}: missing (not a reference fixture folder)`,
    );
  });
});
