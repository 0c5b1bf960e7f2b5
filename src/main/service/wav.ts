// Take audio as mono 32-bit float WAV: lossless for the model's float PCM, and playable by the renderer.
import { AppError } from '../../shared/errors';

/** A mono IEEE-float WAV file holding `pcm`. */
export function encodeWavFloat(pcm: Float32Array, sampleRate: number): Buffer {
  const data = pcm.length * 4;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(3, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 4, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(32, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(data, 40);
  // WAV is little-endian, like every platform Node runs on here, so the samples copy as raw bytes.
  Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).copy(b, 44);
  return b;
}

/** The PCM and rate of a WAV written by encodeWavFloat; anything else is refused. */
export function decodeWavFloat(b: Buffer): { pcm: Float32Array; sampleRate: number } {
  const ok =
    b.length >= 44 &&
    b.toString('latin1', 0, 4) === 'RIFF' &&
    b.toString('latin1', 8, 16) === 'WAVEfmt ' &&
    b.readUInt16LE(20) === 3 &&
    b.readUInt16LE(22) === 1 &&
    b.toString('latin1', 36, 40) === 'data';
  const n = ok ? b.readUInt32LE(40) / 4 : -1;
  if (!ok || 44 + n * 4 > b.length)
    throw new AppError('internal', 'A take audio file is not a mono float WAV.');
  const pcm = new Float32Array(n);
  new Uint8Array(pcm.buffer).set(b.subarray(44, 44 + n * 4));
  return { pcm, sampleRate: b.readUInt32LE(24) };
}

/** Peak envelope for drawing: max |x| per block of `block` samples. */
export function computePeaks(pcm: Float32Array, block: number): Float32Array {
  const out = new Float32Array(Math.ceil(pcm.length / block));
  for (let i = 0; i < pcm.length; i++) {
    const a = Math.abs(pcm[i]);
    const j = (i / block) | 0;
    if (a > out[j]) out[j] = a;
  }
  return out;
}
