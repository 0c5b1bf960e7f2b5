// The source audio's envelope: ffmpeg decodes the first audio stream to 8 kHz mono and the bytes are folded into
// max |x| per block as they stream; a float WAV at 8 kHz comes back exactly, a file without audio is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PeakFolder, audioPeaks } from '../../src/media/audio-peaks';
import { encodeWavFloat } from '../../src/shared/timeline/wav';
import { SAMPLE_VIDEO } from '../fixtures/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'vidmuse-peaks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audio peaks', () => {
  it('folds f32le bytes into block peaks whatever the chunk boundaries', () => {
    const x = new Float32Array([0.1, -0.5, 0.2, 0.3, -0.9, 0.05, 0.25]);
    const bytes = Buffer.from(x.buffer);
    const f = new PeakFolder(3);
    const cuts = [0, 5, 6, 13, 22, 28];
    for (let i = 0; i + 1 < cuts.length; i++) f.push(bytes.subarray(cuts[i], cuts[i + 1]));
    expect(f.end()).toEqual([0.5, 0.9, 0.25]);
  });

  it('gives 100 blocks per second of a WAV: a half-scale second, then silence, then a full-scale half second', async () => {
    const rate = 8000;
    const pcm = new Float32Array(rate * 2.5);
    for (let i = 0; i < rate; i++) pcm[i] = 0.5 * Math.sin((2 * Math.PI * 400 * i) / rate);
    for (let i = 2 * rate; i < pcm.length; i++) pcm[i] = i % 2 === 0 ? 1 : -1;
    const file = path.join(dir, 'tone.wav');
    writeFileSync(file, encodeWavFloat(pcm, rate));
    const p = await audioPeaks(file, { sampleRate: 32000 });
    expect([p.peakBlock, p.sampleRate, p.peaks.length]).toEqual([320, 32000, 250]);
    expect(new Set(p.peaks.slice(0, 100))).toEqual(new Set([0.5]));
    expect(new Set(p.peaks.slice(100, 200))).toEqual(new Set([0]));
    expect(new Set(p.peaks.slice(200))).toEqual(new Set([1]));
  });

  it('refuses a video without audio with ffmpeg log as details, and a block rate that does not divide', async () => {
    const e = await audioPeaks(SAMPLE_VIDEO, { sampleRate: 32000 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'unreadable-media' });
    expect((e as { details?: string }).details).toMatch(
      /^ffmpeg exited with status \d+\n.*matches no streams/s,
    );
    await expect(audioPeaks(SAMPLE_VIDEO, { sampleRate: 32000, blocksPerSecond: 70 })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});
