import { describe, expect, it } from 'vitest';
import { chooseDecoderVariant } from '../../../src/inference/generation/variant-choice';

describe('chooseDecoderVariant', () => {
  it('auto picks the fastest variant that passed the quality gate', () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'])).toBe('q8');
    expect(chooseDecoderVariant(['fp32', 'q4'])).toBe('fp32');
    expect(chooseDecoderVariant(['fp32'], 'auto')).toBe('fp32');
  });

  it("auto runs the default the bundle's own precision gate recorded, when the bundle has that variant", () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'auto', 'fp32')).toBe('fp32');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'auto', 'q4')).toBe('q4');
    expect(chooseDecoderVariant(['fp32', 'q8'], 'auto', 'q4')).toBe('q8');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'q8', 'fp32')).toBe('q8');
  });

  it('honours an explicit request the bundle can serve, else falls back to auto', () => {
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'q4')).toBe('q4');
    expect(chooseDecoderVariant(['fp32', 'q8', 'q4'], 'fp32')).toBe('fp32');
    expect(chooseDecoderVariant(['fp32', 'q8'], 'q4')).toBe('q8');
  });
});
