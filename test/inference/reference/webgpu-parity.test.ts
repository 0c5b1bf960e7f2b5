// The reference check on the WebGPU provider: every graph of a converted bundle runs on a WebGPU adapter
// (Mesa's lavapipe, a software Vulkan device, in CI) and is compared with the reference tensors under the
// same tolerances as on the CPU.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/inference/reference/check';
import { chooseProvider } from '../../../src/inference/runtime/providers';
import { runReferenceCheck } from '../../../src/inference/reference/run-reference';
import { FIXTURE } from '../convert/helpers';

const LONG = 'long_tokens (teacher-forced on webgpu)';

describe('reference check on WebGPU', () => {
  let results: CheckResult[] = [];
  beforeAll(async () => {
    expect(await chooseProvider('webgpu')).toEqual({ provider: 'webgpu', reason: 'requested' });
    results = await runReferenceCheck(FIXTURE, { provider: 'webgpu' });
  }, 900_000);

  it('passes every comparison of the short runs and the pipeline within the fp32 tolerances', () => {
    expect(results).toHaveLength(27);
    expect(results.filter((r) => !r.pass && r.name !== LONG)).toEqual([]);
  });

  // Open: over the 1500 teacher-forced steps of the 30 s window, 33 of 6200 reference tokens are not
  // lavapipe's argmax, up to 0.08 below it (the CPU: all 6200, margin 0). Passes once that is found.
  it.fails('keeps every reference token of the 30 s window within the tie tolerance', () => {
    expect(results.find((r) => r.name === LONG)).toMatchObject({ pass: true });
  });
});
