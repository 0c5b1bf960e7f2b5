// A converted bundle is named by its folder, on POSIX and Windows paths alike.
import { describe, expect, it } from 'vitest';
import { bundleIdOf } from '../../src/renderer/lib/bundle-id';

describe('bundleIdOf', () => {
  it('takes the folder name of POSIX and Windows paths, ignoring a trailing separator', () => {
    expect(bundleIdOf('library/models/vidmuse-fp32-20261203063000')).toBe('vidmuse-fp32-20261203063000');
    expect(bundleIdOf('library\\models\\vidmuse-fp16-1\\')).toBe('vidmuse-fp16-1');
    expect(bundleIdOf('tiny')).toBe('tiny');
  });
});
