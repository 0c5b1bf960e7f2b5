import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../../../src/main/mixdown/loudness';
import { mixSoundtrack, type SoundtrackInput } from '../../../src/main/mixdown/soundtrack';
import { noise, power, sine } from './signals';

const SR = 48000;
const base = (over: Partial<SoundtrackInput>): SoundtrackInput => ({
  sampleRate: SR,
  channels: 2,
  totalSamples: 4 * SR,
  music: sine(5 * SR, 330, SR, 0.1),
  original: null,
  musicGainDb: 0,
  originalGainDb: 0,
  ducking: null,
  loudness: { targetLufs: -14, truePeakLimitDb: -1 },
  ...over,
});

describe('mixSoundtrack', () => {
  it('copies music alone to both channels, exactly as long as asked, at −14 LUFS measured in stereo', () => {
    const s = mixSoundtrack(base({}));
    expect(s.channels.map((c) => c.length)).toEqual([4 * SR, 4 * SR]);
    expect(Buffer.from(s.channels[0].buffer).equals(Buffer.from(s.channels[1].buffer))).toBe(true);
    expect(measureLoudness(s.channels, SR).integratedLufs).toBeCloseTo(-14, 6);
    expect(s.normalisation.after.integratedLufs).toBeCloseTo(-14, 6);
  });

  it('pads short music with silence', () => {
    const s = mixSoundtrack(base({ music: sine(SR, 330, SR, 0.1) }));
    expect(s.channels[0].subarray(SR).every((v) => v === 0)).toBe(true);
  });

  it('ducks the music under loud original audio', () => {
    const speech = new Float32Array(4 * SR);
    speech.set(noise(2 * SR, 3, 0.3), 2 * SR);
    const music = sine(4 * SR, 330, SR, 0.1);
    const plain = mixSoundtrack(
      base({
        music,
        original: [new Float32Array(4 * SR), new Float32Array(4 * SR)],
        loudness: { targetLufs: null, truePeakLimitDb: 0 },
      }),
    );
    const ducked = mixSoundtrack(
      base({
        music,
        original: [speech, speech],
        ducking: { amountDb: 12, thresholdDb: -30, attackMs: 10, releaseMs: 100 },
        originalGainDb: -120,
        loudness: { targetLufs: null, truePeakLimitDb: 0 },
      }),
    );
    // before the speech both are the same music; under it the music is 12 dB (power ×1/15.85) lower
    expect(power(ducked.channels[0], SR / 2, SR)).toBeCloseTo(power(plain.channels[0], SR / 2, SR), 6);
    expect(power(ducked.channels[0], 3 * SR, 4 * SR) / power(plain.channels[0], 3 * SR, 4 * SR)).toBeCloseTo(
      10 ** (-12 / 10),
      3,
    );
  });
});
