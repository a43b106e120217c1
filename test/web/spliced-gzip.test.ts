import { randomBytes } from 'node:crypto';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { combinedCrc, SplicedGzip } from '../../src/web/spliced-gzip.ts';

describe('a gzip body spliced from pieces compressed once', () => {
  it('combines checksums as zlib does: the checksum of A then B from theirs and B’s length', () => {
    for (const [a, b] of [[0, 0], [1, 0], [0, 1], [7, 13], [100, 37_000], [37_000, 3], [12_345, 65_536], [1, 1_000_003]] as const) {
      const [first, second] = [randomBytes(a), randomBytes(b)];
      expect(combinedCrc(crc32(first), crc32(second), b)).toBe(crc32(Buffer.concat([first, second])));
    }
  });

  it('gives the whole text with each answer’s strings in their places, its checksum and length right', () => {
    const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => 'Camp grid 日本 é '[i % 16]).join(''), 'utf8');
    const pieces = [text(5_000), text(0), text(40_000), Buffer.from('</html>')];
    const spliced = new SplicedGzip(pieces);
    for (const strings of [['a', 'b', 'c'], ['token-1', '', 'token-3'], [randomBytes(40).toString('base64url'), 'x', '"quoted" & <escaped>']]) {
      const between = strings.map((s) => Buffer.from(s, 'utf8'));
      // gunzip checks the trailer's checksum and length: a wrong one throws.
      const whole = gunzipSync(spliced.with(between));
      expect(whole.equals(Buffer.concat([pieces[0]!, between[0]!, pieces[1]!, between[1]!, pieces[2]!, between[2]!, pieces[3]!]))).toBe(true);
    }
    expect(() => spliced.with([Buffer.from('too few')])).toThrow('expected 3 strings');
  });
});
