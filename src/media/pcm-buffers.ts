// Conversions between ffmpeg's raw f32le byte streams and per-channel Float32Arrays.

/** Splits interleaved float32 bytes (host order: little-endian on every platform Electron ships) into channels. */
export function deinterleaveF32(bytes: Buffer, channels: number): Float32Array[] {
  const frames = Math.floor(bytes.length / 4 / channels);
  // a copy into fresh memory, because a Buffer from a pool may start at an offset that is not a multiple of 4
  const aligned = new Uint8Array(frames * channels * 4);
  aligned.set(bytes.subarray(0, aligned.length));
  const inter = new Float32Array(aligned.buffer);
  if (channels === 1) return [inter];
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let c = 0; c < channels; c++) {
    const ch = out[c];
    for (let i = 0; i < frames; i++) ch[i] = inter[i * channels + c];
  }
  return out;
}

/** Interleaves channels into little-endian float32 bytes for ffmpeg's `-f f32le` input. */
export function interleaveF32(channels: Float32Array[]): Buffer {
  const n = channels[0]?.length ?? 0;
  const inter = new Float32Array(n * channels.length);
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c];
    for (let i = 0; i < n; i++) inter[i * channels.length + c] = ch[i];
  }
  return Buffer.from(inter.buffer, inter.byteOffset, inter.byteLength);
}

/** A copy of x cut or padded with silence to exactly n samples. */
export function fitLength(x: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  out.set(x.length > n ? x.subarray(0, n) : x);
  return out;
}
