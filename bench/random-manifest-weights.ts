// Seeded random tensors for every key of a checkpoint key list (the fixture manifests), so the CLIP, LSTV
// and codec graphs can be built at real geometry for timing. Values only need a plausible scale: the amount
// of work does not depend on them.
import fs from 'node:fs';
import { MapWeightSource, type WeightEntry } from '../src/inference/convert/weights';
import { uniformFill } from './random-lm-weights';

interface KeyList {
  keys: { name: string; shape: number[] }[];
}

/** A WeightSource over the keys of a manifest JSON file (optionally only those starting with `prefix`). */
export function randomManifestWeights(file: string, seed: number, prefix = ''): MapWeightSource {
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyList;
  const entries: WeightEntry[] = list.keys
    .filter((k) => k.name.startsWith(prefix))
    .map((k, i) => ({
      name: k.name.slice(prefix.length),
      dims: k.shape,
      dtype: 'float32',
      readF32: () => values(k.name, k.shape, seed + i * 7919),
    }));
  return new MapWeightSource(entries, file);
}

function values(name: string, dims: number[], seed: number): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const fanIn = dims.length >= 2 ? dims.slice(1).reduce((a, b) => a * b, 1) : 1;
  const isNormWeight = dims.length === 1 && /norm|layrnorm|ln/i.test(name) && name.endsWith('weight');
  const base = isNormWeight || name.endsWith('weight_g') ? 1 : 0;
  const amp = dims.length >= 2 ? Math.sqrt(3 / fanIn) : 0.02;
  return uniformFill(n, seed, base, amp);
}
