// Decoded pieces of long code streams, by the codes they were decoded from. A piece's samples depend only on
// the codes of its context range and where its core lies in them, so after an edit of a run only the pieces
// whose context holds changed codes are decoded again: the work follows the windows the edit touched.
import { createHash } from 'node:crypto';

/** The most recent decoded pieces (by bytes), keyed by their codes and core position. */
export class PieceCache {
  /** Pieces decoded because they were not cached. */
  misses = 0;
  readonly #map = new Map<string, Float32Array>();
  #bytes = 0;

  constructor(private readonly maxBytes = 256 * 2 ** 20) {}

  /** The key of a piece: its context codes [K, frames] and the core [a, b) within them. */
  static key(codes: Int32Array, K: number, a: number, b: number): string {
    const h = createHash('sha256');
    h.update(`${K}:${a}:${b}:`);
    h.update(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength));
    return h.digest('hex');
  }

  /** The cached core samples, or the decoded ones (then cached). */
  async get(key: string, decode: () => Promise<Float32Array>): Promise<Float32Array> {
    const hit = this.#map.get(key);
    if (hit) {
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    this.misses++;
    const pcm = await decode();
    this.#map.set(key, pcm);
    this.#bytes += pcm.byteLength;
    for (const [k, v] of this.#map) {
      if (this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= v.byteLength;
    }
    return pcm;
  }
}
