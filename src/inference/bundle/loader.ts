// Opens a model bundle and proves it is the one its manifest describes: format and fields, every file
// present with the recorded size and sha256, and every graph's real inputs/outputs equal to its signature.
// Hashing a multi-GB bundle takes a while, so a verified marker (sizes + mtimes) lets later starts skip it.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { JobOptions } from '../../shared/progress';
import { readManifest } from './read-manifest';
import { describeSignature, readOnnxSignature } from './onnx-signature';
import { sha256File } from '../../media/sha256';
import type { BundleManifest, GraphEntry, TensorSignature } from './types';

/** How much to verify: 'full' always hashes (import); 'cached' trusts a matching verified marker (start-up). */
export interface LoadBundleOptions extends JobOptions {
  verify?: 'full' | 'cached';
  /** Where the verified marker lives (default: the bundle folder; a bundle shipped read-only needs another). */
  markerFile?: string;
}

/** Validates the bundle in `dir` and returns its manifest; throws AppError('bad-bundle') naming file and mismatch. */
export async function loadBundle(dir: string, opts: LoadBundleOptions = {}): Promise<BundleManifest> {
  const { text, manifest: m } = readManifest(dir);
  const files = m.graphs.flatMap((g) => [
    { file: g.file, bytes: g.bytes, sha256: g.sha256 },
    ...(g.dataFile ? [g.dataFile] : []),
  ]);
  for (const f of files) checkSize(dir, f.file, f.bytes);
  for (const g of m.graphs) checkSignature(dir, g);
  const markerFile = opts.markerFile ?? path.join(dir, '.verified.json');
  const stamp = stampOf(
    dir,
    files.map((f) => f.file),
    text,
  );
  if (opts.verify === 'cached' && readMarker(markerFile) === stamp) return m;
  const total = files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  for (const f of files) {
    const got = await sha256File(path.join(dir, f.file), {
      signal: opts.signal,
      onBytes: (n) => {
        done += n;
        opts.onProgress?.({ stage: 'verify', done, total, etaSeconds: null, detail: f.file });
      },
    });
    if (got !== f.sha256)
      throw new AppError(
        'bad-bundle',
        `${path.join(dir, f.file)}: sha256 ${got} does not match the manifest (${f.sha256}); the file is damaged or was replaced`,
      );
  }
  writeMarker(markerFile, stamp);
  return m;
}

function checkSize(dir: string, file: string, bytes: number): void {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) throw new AppError('bad-bundle', `${p}: listed in model.json but missing`);
  const size = fs.statSync(p).size;
  if (size !== bytes)
    throw new AppError(
      'bad-bundle',
      `${p}: ${size} bytes, model.json says ${bytes} (truncated or replaced?)`,
    );
}

function checkSignature(dir: string, g: GraphEntry): void {
  const p = path.join(dir, g.file);
  let actual: { inputs: TensorSignature[]; outputs: TensorSignature[] };
  try {
    actual = readOnnxSignature(p);
  } catch (e) {
    throw new AppError('bad-bundle', `${p}: not a readable ONNX model (${(e as Error).message})`);
  }
  for (const kind of ['inputs', 'outputs'] as const) {
    const want = describeSignature(g[kind]);
    const got = describeSignature(actual[kind]);
    if (want !== got)
      throw new AppError(
        'bad-bundle',
        `${p}: graph ${kind} are ${got || '(none)'} but model.json says ${want || '(none)'}`,
      );
  }
}

/** Identity of the bundle's bytes as far as the filesystem tells without reading them. */
function stampOf(dir: string, files: string[], manifestText: string): string {
  const parts = files.map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return `${f}:${s.size}:${s.mtimeMs}`;
  });
  return `${manifestText.length}:${hashText(manifestText)}|${parts.join('|')}`;
}

function hashText(t: string): string {
  let h = 0;
  for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

function readMarker(file: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { stamp?: string }).stamp ?? null;
  } catch {
    return null;
  }
}

function writeMarker(file: string, stamp: string): void {
  try {
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify({ stamp }));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only bundle folder only means the next start verifies again.
  }
}
