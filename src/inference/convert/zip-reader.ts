// Random-access reader of stored (uncompressed) zip archives, zip64 included: torch checkpoints are zips
// whose entries are raw tensor storages, so a tensor is read by offset without inflating anything.
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

/** One archive member. */
export interface ZipEntry {
  name: string;
  /** 0 = stored; other methods are refused when read. */
  method: number;
  size: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Reads members of a zip file by name through a file descriptor. */
export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private readonly fd: number;
  private readonly fileSize: number;
  private readonly dataOffsets = new Map<string, number>();

  constructor(readonly path: string) {
    if (!fs.existsSync(path)) throw new AppError('not-found', `${path}: no such file`);
    this.fd = fs.openSync(path, 'r');
    this.fileSize = fs.fstatSync(this.fd).size;
    try {
      this.readCentralDirectory();
    } catch (e) {
      fs.closeSync(this.fd);
      throw e;
    }
  }

  /** Reads `length` bytes of a stored member starting at `offset` within it. */
  read(name: string, offset = 0, length?: number): Uint8Array {
    const e = this.entry(name);
    if (e.method !== 0)
      throw new AppError('invalid-input', `${this.path}: member ${name} is compressed (method ${e.method})`);
    const len = length ?? e.size - offset;
    if (offset < 0 || offset + len > e.size)
      throw new AppError(
        'invalid-input',
        `${this.path}: read of ${name} [${offset}, ${offset + len}) outside its ${e.size} bytes`,
      );
    return this.readAt(this.dataOffset(e) + offset, len);
  }

  /** Reads into `target` (avoids an allocation per tensor for large reads). */
  readInto(name: string, offset: number, target: Uint8Array): void {
    const e = this.entry(name);
    if (offset + target.byteLength > e.size)
      throw new AppError('invalid-input', `${this.path}: read past the end of ${name}`);
    this.readAtInto(this.dataOffset(e) + offset, target);
  }

  /** The member, or an error naming it. */
  entry(name: string): ZipEntry {
    const e = this.entries.get(name);
    if (!e) throw new AppError('invalid-input', `${this.path}: archive has no member ${name}`);
    return e;
  }

  /** Closes the file. */
  close(): void {
    fs.closeSync(this.fd);
  }

  private dataOffset(e: ZipEntry): number {
    const cached = this.dataOffsets.get(e.name);
    if (cached !== undefined) return cached;
    const h = this.view(this.readAt(e.localHeaderOffset, 30));
    if (h.getUint32(0, true) !== LOCAL) throw this.corrupt(`bad local header of ${e.name}`);
    const at = e.localHeaderOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
    if (at + e.compressedSize > this.fileSize)
      throw this.corrupt(`member ${e.name} runs past the end of the file (truncated?)`);
    this.dataOffsets.set(e.name, at);
    return at;
  }

  private readCentralDirectory(): void {
    const tailLen = Math.min(this.fileSize, 65557);
    const tail = this.readAt(this.fileSize - tailLen, tailLen);
    const tv = this.view(tail);
    let p = tailLen - 22;
    while (p >= 0 && tv.getUint32(p, true) !== EOCD) p--;
    if (p < 0) throw this.corrupt('no end-of-central-directory record (not a zip, or truncated)');
    let count = tv.getUint16(p + 10, true);
    let cdSize = tv.getUint32(p + 12, true);
    let cdOffset = tv.getUint32(p + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locAt = this.fileSize - tailLen + p - 20;
      const loc = this.view(this.readAt(locAt, 20));
      if (loc.getUint32(0, true) !== EOCD64_LOCATOR) throw this.corrupt('zip64 locator missing');
      const rec = this.view(this.readAt(Number(loc.getBigUint64(8, true)), 56));
      if (rec.getUint32(0, true) !== EOCD64) throw this.corrupt('zip64 end record missing');
      count = Number(rec.getBigUint64(32, true));
      cdSize = Number(rec.getBigUint64(40, true));
      cdOffset = Number(rec.getBigUint64(48, true));
    }
    if (cdOffset + cdSize > this.fileSize)
      throw this.corrupt('central directory outside the file (truncated?)');
    this.parseEntries(this.readAt(cdOffset, cdSize), count);
  }

  private parseEntries(cd: Uint8Array, count: number): void {
    const v = this.view(cd);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || v.getUint32(p, true) !== CENTRAL)
        throw this.corrupt('bad central directory entry');
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      const name = new TextDecoder().decode(cd.subarray(p + 46, p + 46 + nameLen));
      const e: ZipEntry = {
        name,
        method: v.getUint16(p + 10, true),
        compressedSize: v.getUint32(p + 20, true),
        size: v.getUint32(p + 24, true),
        localHeaderOffset: v.getUint32(p + 42, true),
      };
      applyZip64Extra(e, this.view(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen)));
      this.entries.set(name, e);
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  private readAt(pos: number, len: number): Uint8Array {
    const b = new Uint8Array(len);
    this.readAtInto(pos, b);
    return b;
  }

  private readAtInto(pos: number, b: Uint8Array): void {
    let done = 0;
    while (done < b.byteLength) {
      const n = fs.readSync(this.fd, b, done, b.byteLength - done, pos + done);
      if (n === 0) throw this.corrupt('unexpected end of file (truncated?)');
      done += n;
    }
  }

  private view(b: Uint8Array): DataView {
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private corrupt(why: string): AppError {
    return new AppError('invalid-input', `${this.path}: corrupt zip archive: ${why}`);
  }
}

/** Replaces 0xFFFFFFFF fields with the 64-bit values of the zip64 extra field (in its fixed order). */
function applyZip64Extra(e: ZipEntry, extra: DataView): void {
  let q = 0;
  while (q + 4 <= extra.byteLength) {
    const id = extra.getUint16(q, true);
    const len = extra.getUint16(q + 2, true);
    if (id === 0x0001) {
      let r = q + 4;
      const next = (): number => {
        const x = Number(extra.getBigUint64(r, true));
        r += 8;
        return x;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next();
    }
    q += 4 + len;
  }
}
