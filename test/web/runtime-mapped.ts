import { readFileSync } from 'node:fs';

/** True when a (Linux) process has mapped onnxruntime's native library. */
export function runtimeMapped(pid: number): boolean {
  return readFileSync(`/proc/${pid}/maps`, 'utf8').includes('libonnxruntime');
}
