// Turns an export request into the soundtrack PCM at the output's rate and layout, decoding the video's own audio
// and resampling the music with ffmpeg, then mixing, ducking and normalising in pure code.
import {
  DEFAULT_DUCKING,
  DEFAULT_LOUDNESS,
  type ExportFormat,
  type ExportOptions,
} from '../../shared/export';
import type { MediaInfo } from '../../shared/media';
import type { AbortSignalLike } from '../../shared/progress';
import { decodeAudio, resampleMono } from '../../media/decode-audio';
import { fitLength } from '../../media/pcm-buffers';
import { mixSoundtrack } from '../mixdown/soundtrack';

/** An export: the video, its mixed-down music and the user's export options (true peak capped at −1 dBTP). */
export interface ExportRequest {
  videoPath: string;
  /** The mixed-down music: mono float PCM, from the start of the video. */
  music: Float32Array;
  musicSampleRate: number;
  options: ExportOptions;
}

/** What was written: where, its audio layout and length, and the loudness reached. */
export interface ExportResult {
  outputPath: string;
  format: ExportFormat;
  sampleRate: number;
  channels: number;
  /** Audio length in samples at sampleRate: the video's duration, exactly. */
  samples: number;
  originalAudioIncluded: boolean;
  videoCopied: boolean;
  gainDb: number;
  integratedLufs: number;
  truePeakDb: number;
  peakLimited: boolean;
}

/** The output layout: mp4 and any mix with the original are 48 kHz stereo; music-only WAV/FLAC keep the model's mono rate. */
export function outputLayout(
  format: ExportFormat,
  withOriginal: boolean,
  musicRate: number,
): { sampleRate: number; channels: number } {
  return format === 'mp4' || withOriginal
    ? { sampleRate: 48000, channels: 2 }
    : { sampleRate: musicRate, channels: 1 };
}

/** The soundtrack PCM handed to ffmpeg (its rate and channels may differ from the output's) and the export figures. */
export interface BuiltSoundtrack {
  sampleRate: number;
  channels: Float32Array[];
  result: Omit<ExportResult, 'outputPath' | 'videoCopied'>;
}

/**
 * Music alone stays mono at the model's rate here: ffmpeg resamples and upmixes it while encoding, which saves a
 * pass over the longest buffer; its loudness is set for the channel count it will be heard on. A mix with the
 * original audio is made at the output's rate and layout.
 */
export async function buildSoundtrack(
  req: ExportRequest,
  media: MediaInfo,
  signal?: AbortSignalLike,
): Promise<BuiltSoundtrack> {
  const o = req.options;
  const withOriginal = o.includeOriginalAudio && media.hasAudio;
  const out = outputLayout(o.format, withOriginal, req.musicSampleRate);
  const sampleRate = withOriginal ? out.sampleRate : req.musicSampleRate;
  const channels = withOriginal ? out.channels : 1;
  const totalSamples = Math.round(media.durationSeconds * sampleRate);
  const music = fitLength(
    await resampleMono(req.music, req.musicSampleRate, sampleRate, signal),
    totalSamples,
  );
  const original = withOriginal
    ? (await decodeAudio(req.videoPath, { sampleRate, channels, signal })).map((c) =>
        fitLength(c, totalSamples),
      )
    : null;
  const track = mixSoundtrack({
    sampleRate,
    channels,
    totalSamples,
    music,
    original,
    musicGainDb: o.musicGainDb,
    originalGainDb: o.originalGainDb,
    ducking: o.ducking ? DEFAULT_DUCKING : null,
    heardChannels: out.channels,
    loudness: { targetLufs: o.loudnessTarget, truePeakLimitDb: DEFAULT_LOUDNESS.truePeakLimitDb },
  });
  const n = track.normalisation;
  return {
    sampleRate,
    channels: track.channels,
    result: {
      format: o.format,
      sampleRate: out.sampleRate,
      channels: out.channels,
      samples: Math.round(media.durationSeconds * out.sampleRate),
      originalAudioIncluded: withOriginal,
      gainDb: n.gainDb,
      integratedLufs: n.after.integratedLufs,
      truePeakDb: n.after.truePeakDb,
      peakLimited: n.peakLimited,
    },
  };
}
