// Shared test helpers: the reference fixture folder and fresh temporary folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The reference fixture set (tiny checkpoints and tensors from the reference code). */
export const FIXTURE = '/work/shared/fixtures/vidmuse-reference';

/** A new empty temporary folder. */
export const tmpDir = (tag: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `vidmuse-${tag}-`));
