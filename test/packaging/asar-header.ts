// Reads the file table of an asar archive (its JSON header), to check a packed app without Electron.
import { closeSync, openSync, readSync } from 'node:fs';

/** One file of the archive: its path inside it and whether it lives in app.asar.unpacked. */
export interface AsarEntry {
  path: string;
  unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  unpacked?: boolean;
}

/** Every file of the archive, depth first, with '/' separators. */
export function listAsar(file: string): AsarEntry[] {
  const fd = openSync(file, 'r');
  try {
    // Layout: a pickle holding the header size, then a pickle holding the header string.
    const sizePickle = Buffer.alloc(8);
    readSync(fd, sizePickle, 0, 8, 0);
    const headerPickle = Buffer.alloc(sizePickle.readUInt32LE(4));
    readSync(fd, headerPickle, 0, headerPickle.length, 8);
    const length = headerPickle.readUInt32LE(4);
    const header = JSON.parse(headerPickle.subarray(8, 8 + length).toString('utf8')) as HeaderNode;
    const out: AsarEntry[] = [];
    const walk = (node: HeaderNode, prefix: string): void => {
      for (const [name, child] of Object.entries(node.files ?? {})) {
        const p = prefix ? `${prefix}/${name}` : name;
        if (child.files) walk(child, p);
        else out.push({ path: p, unpacked: child.unpacked === true });
      }
    };
    walk(header, '');
    return out;
  } finally {
    closeSync(fd);
  }
}
