// Shared test helpers: the reference fixture folder and fresh temporary folders (removed after each test
// file, so converted bundles do not pile up in /tmp).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REFERENCE_DIR } from '../../fixtures/paths';

/** The reference fixture set (tiny checkpoints and tensors from the reference code). */
export const FIXTURE = REFERENCE_DIR;

let root: string | null = null;

// Registered while the importing test file is collected, so it runs once that file's tests are done.
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = null;
});

/** A new empty temporary folder. */
export function tmpDir(tag: string): string {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vidmuse-convert-tests-'));
  return fs.mkdtempSync(path.join(root, `${tag}-`));
}
