// The peak envelope of a video's own audio for the timeline: ffmpeg decodes the first audio stream to mono at a
// low rate and the envelope (max |x| per block) is folded as the bytes stream in, so a long video never sits in
// memory as PCM.
import { AppError } from '../shared/errors';
import type { AbortSignalLike } from '../shared/progress';
import { ProcessError, runProcess } from './process';
import { toolPath } from './tools';

/** A peak envelope: max |x| (0–1) per block of `peakBlock` samples at `sampleRate`. */
export interface AudioPeaks {
  peaks: number[];
  peakBlock: number;
  sampleRate: number;
}

/** Options of a peak decode. */
export interface AudioPeaksOptions {
  /** The timeline's rate: `peakBlock` is counted in its samples. */
  sampleRate: number;
  /** Envelope blocks per second (the rate must be a multiple of it). */
  blocksPerSecond?: number;
  signal?: AbortSignalLike;
}

/** Folds little-endian float32 bytes into peaks of `block` samples; bytes may split anywhere. */
export class PeakFolder {
  readonly peaks: number[] = [];
  #carry = Buffer.alloc(0);
  #max = 0;
  #count = 0;

  constructor(private readonly block: number) {}

  /** Adds a chunk of f32le bytes. */
  push(chunk: Buffer): void {
    const bytes = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 4);
    for (let o = 0; o < whole; o += 4) {
      const a = Math.abs(bytes.readFloatLE(o));
      if (a > this.#max) this.#max = a;
      if (++this.#count === this.block) this.#flush();
    }
    this.#carry = Buffer.from(bytes.subarray(whole));
  }

  /** Closes the last, partial block; returns the envelope rounded to 1/1000. */
  end(): number[] {
    if (this.#count > 0) this.#flush();
    return this.peaks;
  }

  #flush(): void {
    this.peaks.push(Math.round(Math.min(1, this.#max) * 1000) / 1000);
    this.#max = 0;
    this.#count = 0;
  }
}

/** Decode rate of the envelope: plenty for peaks at 100 blocks per second. */
const DECODE_RATE = 8000;

/** The envelope of the first audio stream of `path` ('unreadable-media' with ffmpeg's log when it fails). */
export async function audioPeaks(path: string, o: AudioPeaksOptions): Promise<AudioPeaks> {
  const perSecond = o.blocksPerSecond ?? 100;
  if (o.sampleRate % perSecond !== 0 || DECODE_RATE % perSecond !== 0)
    throw new AppError(
      'invalid-input',
      `${perSecond} peak blocks per second do not divide ${o.sampleRate} Hz`,
    );
  const folder = new PeakFolder(DECODE_RATE / perSecond);
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-vn'];
  args.push('-f', 'f32le', '-ac', '1', '-ar', String(DECODE_RATE), 'pipe:1');
  try {
    await runProcess(toolPath('ffmpeg'), args, { signal: o.signal, onStdoutData: (c) => folder.push(c) });
  } catch (e) {
    if (!(e instanceof ProcessError)) throw e;
    throw new AppError(
      'unreadable-media',
      `The audio of ${path} cannot be decoded (${e.stderrTail.at(-1) ?? 'ffmpeg failed'})`,
      e.details,
    );
  }
  return { peaks: folder.end(), peakBlock: o.sampleRate / perSecond, sampleRate: o.sampleRate };
}
