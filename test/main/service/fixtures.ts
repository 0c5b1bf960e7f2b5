// Test fixtures for the studio: a bundle manifest and a deterministic window generator that writes real PCM,
// standing in for the inference host where only the store is under test.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BundleManifest } from '../../../src/inference/client';
import type { WindowGenerator } from '../../../src/main/service';

const TINY_BUNDLE = resolve('resources/models/tiny-untrained');

/** Writes bundles/<id>/model.json with a 32 kHz, 30 s maximum geometry; returns the bundles folder. */
export function writeTestBundle(root: string, id = 'test-bundle'): string {
  const dir = join(root, 'bundles', id);
  mkdirSync(dir, { recursive: true });
  // A complete manifest (the studio reads it through the engine's manifest check); the model sections are the
  // tiny bundle's, and no graph file exists: the studio lists the bundle, the test generator stands in for it.
  const tiny = JSON.parse(readFileSync(join(TINY_BUNDLE, 'model.json'), 'utf8')) as BundleManifest;
  const graph = (file: string, bytes: number) => ({
    role: 'decoder',
    variant: 'fp32',
    file,
    sha256: '0'.repeat(64),
    bytes,
    inputs: [],
    outputs: [],
  });
  const manifest: BundleManifest = {
    format: 1,
    id,
    name: 'Test bundle',
    licence: 'CC-BY-NC-4.0',
    source: 'test',
    trained: false,
    createdBy: 'test',
    video: {
      ...tiny.video,
      fps: 2,
      imageSize: 224,
      globalFrames: 32,
      maxWindowSeconds: 30,
      tokensPerFrame: 50,
    },
    audio: { ...tiny.audio, sampleRate: 32000, hopLength: 640, channels: 1 },
    lm: tiny.lm,
    clip: tiny.clip,
    codec: tiny.codec,
    generation: { temperature: 1, topK: 250, topP: 0, cfgCoef: 3, windowSeconds: 30, overlapSeconds: 2 },
    graphs: [graph('a.onnx', 10), graph('b.onnx', 5)],
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
  return join(root, 'bundles');
}

/** Expected PCM of the test generator: a sine whose pitch depends on the seed and window start. */
export function expectedPcm(seed: number, start: number, end: number): Float32Array {
  const pcm = new Float32Array(end - start);
  const f = 110 + (seed % 50) * 10;
  for (let i = 0; i < pcm.length; i++) pcm[i] = 0.5 * Math.sin((2 * Math.PI * f * (start + i)) / 32000);
  return pcm;
}

/** Deterministic generator: real PCM and codes, progress per step, stops on abort; `gate` holds it mid-way. */
export function testGenerator(gate?: () => Promise<void>): WindowGenerator {
  return async (req, { signal, onProgress }) => {
    for (let step = 0; step < 4; step++) {
      if (signal?.aborted) throw signal.reason;
      onProgress?.({ stage: 'decode', done: step, total: 4, etaSeconds: null });
      await (gate ? gate() : new Promise((r) => setImmediate(r)));
    }
    if (signal?.aborted) throw signal.reason;
    const frames = Math.ceil((req.end - req.start) / 640);
    const codes = new Int32Array(4 * frames).map((_, i) => (i * 7 + req.params.seed) % 2048);
    return { codes, pcm: expectedPcm(req.params.seed, req.start, req.end) };
  };
}
