// model.json is read in one place: a missing, unreadable, malformed or structurally wrong manifest is refused
// as a bad bundle naming the file and the field; the shipped tiny bundle's reads as written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../src/inference/bundle/read-manifest';
import { tmpDir } from '../convert/helpers';

const TINY = path.resolve('resources/models/tiny-untrained');
const tinyJson = (): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(TINY, 'model.json'), 'utf8')) as Record<string, unknown>;

/** A folder holding `text` as its model.json. */
function withManifest(text: string): string {
  const dir = tmpDir('manifest');
  fs.writeFileSync(path.join(dir, 'model.json'), text);
  return dir;
}

describe('readManifest', () => {
  it('reads the shipped tiny bundle, precision record included', () => {
    const { file, manifest } = readManifest(TINY);
    expect(file).toBe(path.join(TINY, 'model.json'));
    expect([manifest.id, manifest.audio.sampleRate, manifest.precision?.default]).toEqual([
      'tiny-untrained',
      32000,
      'q8',
    ]);
  });
  it('refuses a folder without model.json and one whose model.json is a folder', () => {
    const empty = tmpDir('manifest');
    expect(() => readManifest(empty)).toThrow(/model\.json: missing \(not a model bundle folder\)/);
    fs.mkdirSync(path.join(empty, 'model.json'));
    expect(() => readManifest(empty)).toThrow(/model\.json: cannot be read/);
  });
  it('refuses invalid JSON and a missing section', () => {
    expect(() => readManifest(withManifest('{'))).toThrow(/model\.json: not valid JSON/);
    const m = tinyJson();
    delete m.audio;
    expect(() => readManifest(withManifest(JSON.stringify(m)))).toThrow(/missing section "audio"/);
  });
  it('refuses a precision record whose figures are not numbers', () => {
    const m = tinyJson() as { precision: { measured: Record<string, Record<string, unknown>> } };
    m.precision.measured.q8!.argmaxAgreement = '0.98';
    expect(() => readManifest(withManifest(JSON.stringify(m)))).toThrow(
      /field precision\.measured\.q8\.argmaxAgreement is missing or not a number/,
    );
  });
  it('gives the error code bad-bundle', () => {
    try {
      readManifest(withManifest('[]'));
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('bad-bundle');
    }
  });
});
