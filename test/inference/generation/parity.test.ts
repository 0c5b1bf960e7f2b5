import { describe, expect, it } from 'vitest';
import { runReferenceCheck } from '../../../src/inference/reference/run-reference';
import { decoderChecks } from '../../../src/inference/reference/decoder-checks';
import { FIXTURE } from './tiny-decoder';

describe('decoder reference checks', () => {
  it('match the reference: causal logits, per-step CFG logits, gen_codes, VidMuse tokens, the long two-window run', async () => {
    const results = await runReferenceCheck(FIXTURE, { checks: { decoder: decoderChecks } });
    expect(results.map((r) => [r.name, r.pass])).toEqual([
      ['logits_pattern_logits', true],
      ['gen_step_cfg_logits', true],
      ['gen_codes', true],
      ['vidmuse_generate_tokens', true],
      ['long_tokens', true],
    ]);
    for (const r of results.filter((x) => !x.exact)) expect(r.maxAbsError!).toBeLessThanOrEqual(1e-4);
  });
});
