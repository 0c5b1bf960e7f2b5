// WAV for take audio, on both sides of the API: main writes each take as mono 32-bit float WAV (lossless for
// the model's float PCM) and reads it back for the mixdown; the renderer reads it at its own rate, without the
// browser's resampling, so it places takes at exactly the sample positions the mixdown uses.
import { AppError } from '../errors';

/** Decoded PCM: the first channel (takes are mono) and its sample rate. */
export interface Pcm {
  sampleRate: number;
  samples: Float32Array;
}

interface Fmt {
  format: number;
  channels: number;
  rate: number;
  bits: number;
}

const FLOAT = 3;

/** A mono IEEE-float WAV file holding `pcm` (a 44-byte header, then the samples). */
export function encodeWavFloat(pcm: Float32Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm.length * 4);
  const v = new DataView(out.buffer);
  const text = (off: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out[off + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  v.setUint32(4, 36 + pcm.length * 4, true);
  text(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, FLOAT, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 4, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 32, true);
  text(36, 'data');
  v.setUint32(40, pcm.length * 4, true);
  // WAV is little-endian, like every platform this runs on, so the samples copy as raw bytes.
  out.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength), 44);
  return out;
}

/** The PCM and rate of a WAV written by encodeWavFloat; anything else is refused. */
export function decodeWavFloat(b: Uint8Array): { pcm: Float32Array; sampleRate: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ok =
    b.length >= 44 &&
    tag(v, 0) === 'RIFF' &&
    tag(v, 8) === 'WAVE' &&
    tag(v, 12) === 'fmt ' &&
    v.getUint16(20, true) === FLOAT &&
    v.getUint16(22, true) === 1 &&
    tag(v, 36) === 'data';
  const n = ok ? v.getUint32(40, true) / 4 : -1;
  if (!ok || 44 + n * 4 > b.length)
    throw new AppError('internal', 'A take audio file is not a mono float WAV.');
  const pcm = new Float32Array(n);
  new Uint8Array(pcm.buffer).set(b.subarray(44, 44 + n * 4));
  return { pcm, sampleRate: v.getUint32(24, true) };
}

/** Parses PCM16, PCM24, PCM32 or IEEE float32 WAV of any layout; throws with a specific message otherwise. */
export function parseWav(buf: ArrayBuffer): Pcm {
  const view = new DataView(buf);
  if (view.byteLength < 12 || tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE')
    throw new Error('not a WAV file');
  let fmt: Fmt | null = null;
  for (let off = 12; off + 8 <= view.byteLength;) {
    const id = tag(view, off);
    const size = view.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data before its fmt chunk');
      const len = Math.min(size, view.byteLength - body);
      return { sampleRate: fmt.rate, samples: readSamples(view, body, len, fmt) };
    }
    off = body + size + (size & 1);
  }
  throw new Error('WAV file has no data chunk');
}

/** Peak envelope for drawing: max |x| per block of `block` samples. */
export function computePeaks(pcm: Float32Array, block: number): Float32Array {
  const out = new Float32Array(Math.ceil(pcm.length / block));
  for (let i = 0; i < pcm.length; i++) {
    const a = Math.abs(pcm[i]!);
    const j = (i / block) | 0;
    if (a > out[j]!) out[j] = a;
  }
  return out;
}

function tag(view: DataView, off: number): string {
  return String.fromCharCode(
    view.getUint8(off),
    view.getUint8(off + 1),
    view.getUint8(off + 2),
    view.getUint8(off + 3),
  );
}

function readSamples(view: DataView, start: number, len: number, fmt: Fmt): Float32Array {
  const bytes = fmt.bits / 8;
  const frame = bytes * fmt.channels;
  const n = Math.floor(len / frame);
  const float = fmt.format === FLOAT;
  // Fast path for the takes main writes (mono float32): one copy, no per-sample reads.
  if (float && fmt.bits === 32 && fmt.channels === 1)
    return new Float32Array(view.buffer.slice(view.byteOffset + start, view.byteOffset + start + n * 4));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = start + i * frame;
    if (float && fmt.bits === 32) out[i] = view.getFloat32(p, true);
    else if (fmt.bits === 16) out[i] = view.getInt16(p, true) / 32768;
    else if (fmt.bits === 24)
      out[i] = (view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 8388608;
    else if (fmt.bits === 32) out[i] = view.getInt32(p, true) / 2147483648;
    else throw new Error(`unsupported WAV sample size: ${fmt.bits} bits`);
  }
  return out;
}
