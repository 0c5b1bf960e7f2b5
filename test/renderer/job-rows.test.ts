// What a jobs row shows: provider and precision from the generation's detail, start clock and elapsed time.
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../src/shared/domain';
import { formatElapsed, providerOf } from '../../src/renderer/lib/job-rows';

const withDetail = (detail: string | undefined) =>
  ({ progress: { stage: 'decode', done: 1, total: 2, etaSeconds: null, detail } }) as JobInfo;

describe('job rows', () => {
  it('reads the provider and precision a generation reported', () => {
    expect(providerOf(withDetail('window 2 of 4 · webgpu · q8'))).toBe('webgpu · q8');
    expect(providerOf(withDetail('cpu · q8-kv8'))).toBe('cpu · q8-kv8');
    expect(providerOf(withDetail('decoder precision'))).toBeNull();
    expect(providerOf(withDetail(undefined))).toBeNull();
  });

  it('writes elapsed time as m:ss, then h:mm:ss', () => {
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(754_000)).toBe('12:34');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });
});
