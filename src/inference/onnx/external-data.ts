// External data of an ONNX graph: initializer bytes appended to a side file as they are produced.
import fs from 'node:fs';
import path from 'node:path';

/** Where large initializers go; returns the offset and length each one was written at. */
export interface ExternalDataSink {
  /** File name relative to the .onnx file (recorded in each initializer). */
  readonly fileName: string;
  append(bytes: Uint8Array): { offset: number; length: number };
}

/** Tensors of at least this many bytes start on a page boundary so onnxruntime can map them. */
const ALIGN_ABOVE = 64 * 1024;
const PAGE = 4096;

/** Appends to a file with synchronous writes; close() fsyncs. */
export class FileExternalDataSink implements ExternalDataSink {
  readonly fileName: string;
  private readonly fd: number;
  private offset = 0;

  constructor(readonly filePath: string) {
    this.fileName = path.basename(filePath);
    this.fd = fs.openSync(filePath, 'w');
  }

  append(bytes: Uint8Array): { offset: number; length: number } {
    if (bytes.byteLength >= ALIGN_ABOVE && this.offset % PAGE !== 0) {
      const pad = PAGE - (this.offset % PAGE);
      fs.writeSync(this.fd, new Uint8Array(pad), 0, pad, this.offset);
      this.offset += pad;
    }
    const at = this.offset;
    let written = 0;
    while (written < bytes.byteLength)
      written += fs.writeSync(this.fd, bytes, written, bytes.byteLength - written, at + written);
    this.offset += bytes.byteLength;
    return { offset: at, length: bytes.byteLength };
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  /** Flushes to disk and closes the file. */
  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}
