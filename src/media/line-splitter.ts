// Splits a byte stream into text lines; ffmpeg ends its stats lines with \r, so both \r and \n end a line.

/** Feeds chunks in, calls back once per complete, non-empty line. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}

  /** Adds a chunk; emits every line it completes. */
  push(chunk: Buffer | string): void {
    const text = this.rest + chunk.toString();
    const parts = text.split(/\r\n|\r|\n/);
    this.rest = parts.pop() ?? '';
    for (const p of parts) if (p.length > 0) this.onLine(p);
  }

  /** Emits whatever is left as a final line. */
  end(): void {
    if (this.rest.length > 0) this.onLine(this.rest);
    this.rest = '';
  }
}
