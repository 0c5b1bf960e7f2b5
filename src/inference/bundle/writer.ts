// Writes model.json for a folder of built graphs: sha256 and size of every graph and external-data file,
// and the graphs' input/output signatures.
import fs from 'node:fs';
import path from 'node:path';
import type { AbortSignalLike } from '../../shared/progress';
import type { BuiltGraph } from '../graphs/context';
import { sha256File } from '../../media/sha256';
import type { BundleManifest, GraphEntry } from './types';

/** The manifest without its graph list (filled in by writeManifest). */
export type BundleDescription = Omit<BundleManifest, 'graphs' | 'format'>;

/** Hashes the graphs in `dir` and writes `dir/model.json` (temporary name, then rename). */
export async function writeManifest(
  dir: string,
  desc: BundleDescription,
  graphs: readonly BuiltGraph[],
  onBytes?: (n: number) => void,
  signal?: AbortSignalLike,
): Promise<BundleManifest> {
  const entries: GraphEntry[] = [];
  for (const g of graphs) {
    const file = path.join(dir, g.file);
    const entry: GraphEntry = {
      role: g.role,
      variant: g.variant,
      file: g.file,
      sha256: await sha256File(file, { onBytes, signal }),
      bytes: fs.statSync(file).size,
      inputs: g.inputs,
      outputs: g.outputs,
    };
    if (g.dataFile) {
      const data = path.join(dir, g.dataFile);
      entry.dataFile = {
        file: g.dataFile,
        sha256: await sha256File(data, { onBytes, signal }),
        bytes: fs.statSync(data).size,
      };
    }
    entries.push(entry);
  }
  const manifest: BundleManifest = { format: 1, ...desc, graphs: entries };
  saveManifest(dir, manifest);
  return manifest;
}

/** Writes `dir/model.json` (temporary name, then rename), e.g. again once the precision gate has run. */
export function saveManifest(dir: string, manifest: BundleManifest): void {
  const target = path.join(dir, 'model.json');
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(tmp, target);
}

/** Total bytes writeManifest will hash. */
export function bundleBytes(dir: string, graphs: readonly BuiltGraph[]): number {
  let n = 0;
  for (const g of graphs) {
    n += fs.statSync(path.join(dir, g.file)).size;
    if (g.dataFile) n += fs.statSync(path.join(dir, g.dataFile)).size;
  }
  return n;
}
