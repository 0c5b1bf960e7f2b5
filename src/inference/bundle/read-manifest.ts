// The one reader of a bundle's model.json: read, parse and check its structure, with errors naming the file.
// The loader adds the file and signature checks on top; the studio's bundle list reads only this.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { validateManifest } from './manifest-schema';
import type { BundleManifest } from './types';

/** A read model.json: where it is, its text (the loader's verified marker hashes it) and the checked manifest. */
export interface ManifestFile {
  file: string;
  text: string;
  manifest: BundleManifest;
}

/** Reads and checks `dir/model.json`; throws AppError('bad-bundle') naming the file and what is wrong. */
export function readManifest(dir: string): ManifestFile {
  const file = path.join(dir, 'model.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('bad-bundle', `${file}: missing (not a model bundle folder)`);
    throw new AppError('bad-bundle', `${file}: cannot be read (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('bad-bundle', `${file}: not valid JSON (${(e as Error).message})`);
  }
  return { file, text, manifest: validateManifest(json, file) };
}
