// WebGPU's Vulkan loader (Dawn) wants XDG_RUNTIME_DIR on Linux and complains without it (CI containers and
// services often have none). It is set to a private temporary folder before the first adapter request; from a
// worker thread the variable does not reach native code, so hosts call this on the main thread too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Sets XDG_RUNTIME_DIR to a fresh 0700 temporary folder when it is unset (Linux only); idempotent. */
export function ensureRuntimeDir(): void {
  if (process.platform !== 'linux' || process.env.XDG_RUNTIME_DIR) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vidmuse-runtime-'));
  fs.chmodSync(dir, 0o700);
  process.env.XDG_RUNTIME_DIR = dir;
}
