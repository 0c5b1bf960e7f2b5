// The final soundtrack of an export: the mixed-down music, optionally over the video's own audio with the music
// ducked under it, brought to the loudness target. Pure; decoding and resampling happen before, in ffmpeg.
import type { DuckingSettings, LoudnessSettings } from '../../shared/export';
import { duckingGain } from './duck';
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
}

/** The soundtrack's channels, exactly totalSamples long, and what loudness normalisation did. */
export interface Soundtrack {
  channels: Float32Array[];
  normalisation: NormaliseResult;
}

const dbToGain = (db: number): number => 10 ** (db / 20);

/** Mixes music (copied to every channel) with the original audio, ducks, and normalises loudness. */
export function mixSoundtrack(s: SoundtrackInput): Soundtrack {
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
