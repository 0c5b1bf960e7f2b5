// Reads a RIFF/WAVE file into mono float samples at its own rate, without the browser's resampling, so the
// renderer places takes at exactly the sample positions the mixdown uses.

/** Decoded PCM: the first channel (takes are mono) and its sample rate. */
export interface Pcm {
  sampleRate: number;
  samples: Float32Array;
}

/** Parses PCM16, PCM24, PCM32 or IEEE float32 WAV; throws with a specific message otherwise. */
export function parseWav(buf: ArrayBuffer): Pcm {
  const view = new DataView(buf);
  if (view.byteLength < 12 || tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE')
    throw new Error('not a WAV file');
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
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

function tag(view: DataView, off: number): string {
  return String.fromCharCode(
    view.getUint8(off),
    view.getUint8(off + 1),
    view.getUint8(off + 2),
    view.getUint8(off + 3),
  );
}

function readSamples(
  view: DataView,
  start: number,
  len: number,
  fmt: { format: number; channels: number; bits: number },
): Float32Array {
  const bytes = fmt.bits / 8;
  const frame = bytes * fmt.channels;
  const n = Math.floor(len / frame);
  const float = fmt.format === 3;
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
