// The final soundtrack of an export: the mixed-down music, optionally over the video's own audio with the music
// ducked under it, brought to the loudness target. Pure; decoding and resampling happen before, in ffmpeg.
import type { DuckingSettings, LoudnessSettings } from '../../shared/export';
import { duckingGain } from './duck';
import type { LoudnessMeasurement } from './loudness';
import { normaliseLoudness, type NormaliseResult } from './normalise';

/** Everything at the output rate: mono music, and the original audio already in the output's channel count. */
export interface SoundtrackInput {
  sampleRate: number;
  channels: number;
  totalSamples: number;
  music: Float32Array;
  original: Float32Array[] | null;
  musicGainDb: number;
  originalGainDb: number;
  ducking: DuckingSettings | null;
  loudness: LoudnessSettings;
  /** For music alone: how many channels the result will be heard on (ffmpeg upmixes it later); default channels. */
  heardChannels?: number;
}

/** The soundtrack's channels, exactly totalSamples long, and what loudness normalisation did. */
export interface Soundtrack {
  channels: Float32Array[];
  normalisation: NormaliseResult;
}

const dbToGain = (db: number): number => 10 ** (db / 20);

/** Mixes music (copied to every channel) with the original audio, ducks, and normalises loudness. */
export function mixSoundtrack(s: SoundtrackInput): Soundtrack {
  if (!s.original) return musicOnly(s);
  const n = s.totalSamples;
  const mg = dbToGain(s.musicGainDb);
  const og = dbToGain(s.originalGainDb);
  const duck = s.original && s.ducking ? duckingGain(s.original, s.sampleRate, s.ducking) : null;
  const channels = Array.from({ length: s.channels }, (_, c) => {
    const out = new Float32Array(n);
    const m = Math.min(n, s.music.length);
    for (let i = 0; i < m; i++) out[i] = s.music[i] * mg * (duck ? (duck[i] ?? 1) : 1);
    const orig = s.original?.[Math.min(c, s.original.length - 1)];
    if (orig) for (let i = 0; i < Math.min(n, orig.length); i++) out[i] += orig[i] * og;
    return out;
  });
  const normalisation = normaliseLoudness(channels, s.sampleRate, s.loudness);
  return { channels, normalisation };
}

// C identical channels read 10·log10(C) LU louder than one and have the same true peak, so music alone is
// normalised once, in mono, and then copied: half the work for stereo, the same samples.
function musicOnly(s: SoundtrackInput): Soundtrack {
  const mono = new Float32Array(s.totalSamples);
  const g = dbToGain(s.musicGainDb);
  const m = Math.min(s.totalSamples, s.music.length);
  for (let i = 0; i < m; i++) mono[i] = s.music[i] * g;
  const extra = 10 * Math.log10(s.heardChannels ?? s.channels);
  const target = s.loudness.targetLufs === null ? null : s.loudness.targetLufs - extra;
  const n = normaliseLoudness([mono], s.sampleRate, { ...s.loudness, targetLufs: target });
  const up = (x: LoudnessMeasurement): LoudnessMeasurement => ({
    ...x,
    integratedLufs: x.integratedLufs + extra,
  });
  const channels = Array.from({ length: s.channels }, (_, c) => (c === 0 ? mono : mono.slice()));
  return { channels, normalisation: { ...n, before: up(n.before), after: up(n.after) } };
}
