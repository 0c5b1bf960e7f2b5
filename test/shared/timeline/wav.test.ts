// Takes are read as WAV at their own rate without resampling: 16-bit, 24-bit and float files decode exactly.
import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../src/shared/timeline/wav';

function wav(format: 1 | 3, bits: number, samples: number[], rate = 32000, extraChunk = false): ArrayBuffer {
  const bytes = bits / 8;
  const extra = extraChunk ? 12 : 0;
  const buf = new ArrayBuffer(44 + extra + samples.length * bytes);
  const v = new DataView(buf);
  const tag = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  v.setUint32(4, buf.byteLength - 8, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, format, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * bytes, true);
  v.setUint16(32, bytes, true);
  v.setUint16(34, bits, true);
  let o = 36;
  if (extraChunk) {
    tag(o, 'LIST');
    v.setUint32(o + 4, 4, true);
    o += 12;
  }
  tag(o, 'data');
  v.setUint32(o + 4, samples.length * bytes, true);
  samples.forEach((x, i) => {
    const p = o + 8 + i * bytes;
    if (format === 3) v.setFloat32(p, x, true);
    else if (bits === 16) v.setInt16(p, Math.round(x * 32768), true);
    else {
      const n = Math.round(x * 8388608);
      v.setUint8(p, n & 0xff);
      v.setUint8(p + 1, (n >> 8) & 0xff);
      v.setInt8(p + 2, n >> 16);
    }
  });
  return buf;
}

describe('WAV reading', () => {
  it('reads 16-bit PCM at its own rate', () => {
    const pcm = parseWav(wav(1, 16, [0, 0.5, -0.5, -1]));
    expect(pcm.sampleRate).toBe(32000);
    expect([...pcm.samples]).toEqual([0, 0.5, -0.5, -1]);
  });

  it('reads 24-bit PCM and skips unknown chunks', () => {
    const pcm = parseWav(wav(1, 24, [0.25, -0.75], 48000, true));
    expect(pcm.sampleRate).toBe(48000);
    expect([...pcm.samples]).toEqual([0.25, -0.75]);
  });

  it('reads float32 samples exactly', () => {
    const x = [0.1234567, -0.9876543];
    const pcm = parseWav(wav(3, 32, x));
    expect([...pcm.samples]).toEqual(x.map((n) => Math.fround(n)));
  });

  it('refuses files that are not WAV', () => {
    expect(() => parseWav(new TextEncoder().encode('hello world, no riff').buffer)).toThrow('not a WAV file');
  });
});
