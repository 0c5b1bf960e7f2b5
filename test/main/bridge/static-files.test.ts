import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticFileFor } from '../../../src/main/bridge/static-files';

const root = path.resolve('/srv/renderer');

describe('staticFileFor', () => {
  it('maps / to index.html and paths under the root to files', () => {
    expect(staticFileFor(root, '/')).toBe(path.join(root, 'index.html'));
    expect(staticFileFor(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(staticFileFor(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });
  it('refuses traversal, encoded or not', () => {
    expect(staticFileFor(root, '/../etc/passwd')).toBeNull();
    expect(staticFileFor(root, '/%2e%2e/etc/passwd')).toBeNull();
    expect(staticFileFor(root, '/assets/..%2f..%2fsecret')).toBeNull();
    expect(staticFileFor(root, '/..%5c..%5csecret')).toBeNull();
  });
  it('refuses dotfiles, NUL bytes and malformed escapes', () => {
    expect(staticFileFor(root, '/.env')).toBeNull();
    expect(staticFileFor(root, '/index.html%00.js')).toBeNull();
    expect(staticFileFor(root, '/%E0%A4%A')).toBeNull();
  });
});
