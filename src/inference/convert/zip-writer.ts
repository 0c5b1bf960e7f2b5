// Writer of stored (uncompressed) zip archives, streaming each member to disk (zip64 when needed or
// forced). Members start on 64-byte boundaries, as torch's writer does, so storages can be mapped.
import fs from 'node:fs';
import zlib from 'node:zlib';

const ALIGN = 64;
const MAX32 = 0xffffffff;

interface Written {
  name: Buffer;
  offset: number;
  size: number;
  crc: number;
}

/** Appends members to a new zip file; call finish() to write the central directory. */
export class ZipWriter {
  private readonly fd: number;
  private pos = 0;
  private readonly written: Written[] = [];

  /** @param zip64 write zip64 records even when the archive is small (tests, very large files). */
  constructor(
    readonly path: string,
    private readonly zip64 = false,
  ) {
    this.fd = fs.openSync(path, 'w');
  }

  /** Adds a member from one buffer or from a sequence of chunks (never all in memory). */
  add(name: string, data: Uint8Array | Iterable<Uint8Array>): void {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.pos;
    const baseExtra = this.zip64 ? 20 : 0;
    const pad = (ALIGN - ((offset + 30 + nameBuf.length + baseExtra + 4) % ALIGN)) % ALIGN;
    const headerLen = 30 + nameBuf.length + baseExtra + 4 + pad;
    this.pos += headerLen;
    let size = 0;
    let crc = 0;
    for (const chunk of data instanceof Uint8Array ? [data] : data) {
      crc = zlib.crc32(chunk, crc);
      this.write(chunk);
      size += chunk.byteLength;
    }
    if (!this.zip64 && (size >= MAX32 || offset >= MAX32))
      throw new Error(`${this.path}: member ${name} needs zip64; open the writer with zip64`);
    const h = Buffer.alloc(headerLen);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(this.zip64 ? 45 : 20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(this.zip64 ? MAX32 : size, 18);
    h.writeUInt32LE(this.zip64 ? MAX32 : size, 22);
    h.writeUInt16LE(nameBuf.length, 26);
    h.writeUInt16LE(baseExtra + 4 + pad, 28);
    nameBuf.copy(h, 30);
    let e = 30 + nameBuf.length;
    if (this.zip64) {
      h.writeUInt16LE(0x0001, e);
      h.writeUInt16LE(16, e + 2);
      h.writeBigUInt64LE(BigInt(size), e + 4);
      h.writeBigUInt64LE(BigInt(size), e + 12);
      e += 20;
    }
    h.writeUInt16LE(0x4246, e); // 'FB' padding record, as torch writes
    h.writeUInt16LE(pad, e + 2);
    fs.writeSync(this.fd, h, 0, h.length, offset);
    this.written.push({ name: nameBuf, offset, size, crc: crc >>> 0 });
  }

  /** Writes the central directory and end records, fsyncs and closes. */
  finish(): void {
    const cdStart = this.pos;
    for (const w of this.written) this.write(this.centralEntry(w));
    const cdSize = this.pos - cdStart;
    const n = this.written.length;
    const big = this.zip64 || cdStart >= MAX32 || n >= 0xffff;
    if (big) {
      const rec = Buffer.alloc(56 + 20);
      rec.writeUInt32LE(0x06064b50, 0);
      rec.writeBigUInt64LE(44n, 4);
      rec.writeUInt16LE(45, 12);
      rec.writeUInt16LE(45, 14);
      rec.writeBigUInt64LE(BigInt(n), 24);
      rec.writeBigUInt64LE(BigInt(n), 32);
      rec.writeBigUInt64LE(BigInt(cdSize), 40);
      rec.writeBigUInt64LE(BigInt(cdStart), 48);
      rec.writeUInt32LE(0x07064b50, 56);
      rec.writeBigUInt64LE(BigInt(this.pos), 64);
      rec.writeUInt32LE(1, 72);
      this.write(rec);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(big ? 0xffff : n, 8);
    end.writeUInt16LE(big ? 0xffff : n, 10);
    end.writeUInt32LE(big ? MAX32 : cdSize, 12);
    end.writeUInt32LE(big ? MAX32 : cdStart, 16);
    this.write(end);
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  /** Closes without finishing (the caller deletes the file). */
  abort(): void {
    fs.closeSync(this.fd);
  }

  private centralEntry(w: Written): Buffer {
    const z = this.zip64;
    const c = Buffer.alloc(46 + w.name.length + (z ? 28 : 0));
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(z ? 45 : 20, 4);
    c.writeUInt16LE(z ? 45 : 20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt32LE(w.crc, 16);
    c.writeUInt32LE(z ? MAX32 : w.size, 20);
    c.writeUInt32LE(z ? MAX32 : w.size, 24);
    c.writeUInt16LE(w.name.length, 28);
    c.writeUInt16LE(z ? 28 : 0, 30);
    c.writeUInt32LE(z ? MAX32 : w.offset, 42);
    w.name.copy(c, 46);
    if (z) {
      const e = 46 + w.name.length;
      c.writeUInt16LE(0x0001, e);
      c.writeUInt16LE(24, e + 2);
      c.writeBigUInt64LE(BigInt(w.size), e + 4);
      c.writeBigUInt64LE(BigInt(w.size), e + 12);
      c.writeBigUInt64LE(BigInt(w.offset), e + 20);
    }
    return c;
  }

  private write(b: Uint8Array): void {
    let done = 0;
    while (done < b.byteLength) done += fs.writeSync(this.fd, b, done, b.byteLength - done, this.pos + done);
    this.pos += b.byteLength;
  }
}
