// Out-of-range numbers are named with their field and bounds; values at the bounds are accepted.
import { describe, expect, it } from 'vitest';
import { outOfRange } from '../../src/renderer/lib/range';

describe('outOfRange', () => {
  it('accepts values inside and at the bounds', () => {
    expect(outOfRange('Loudness target', -14, -40, -5, 'LUFS')).toBeNull();
    expect(outOfRange('Loudness target', -40, -40, -5, 'LUFS')).toBeNull();
    expect(outOfRange('Loudness target', -5, -40, -5, 'LUFS')).toBeNull();
  });

  it('names the field, the bounds and the unit for values outside or not numbers', () => {
    expect(outOfRange('Loudness target', -50, -40, -5, 'LUFS')).toBe(
      'Loudness target must be between -40 and -5 LUFS.',
    );
    expect(outOfRange('Music gain', 13, -60, 12, 'dB')).toBe('Music gain must be between -60 and 12 dB.');
    expect(outOfRange('Overlap (s)', Number.NaN, 0, 1)).toBe('Overlap (s) must be between 0 and 1.');
  });
});
