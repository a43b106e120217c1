import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A gzip body made from pieces compressed once and a few short strings that change per answer
 * (a form page's CSRF token), without compressing the page again for each visitor.
 *
 * Each piece is compressed on its own and ends on a sync flush, so its deflate blocks stop on a
 * byte boundary and never refer back past it; a changing string goes between two pieces as a
 * stored (uncompressed) block; the last piece ends the stream. The checksum of each answer is
 * the fixed pieces' checksums, worked out once, combined with the changing strings' (as zlib's
 * crc32_combine does): running it over the whole page for each visitor had cost a quarter of
 * splicing it.
 */
export class SplicedGzip {
  private readonly blocks: Buffer[];
  private readonly firstCrc: number;
  /** For each piece after the first: its checksum, and what appending its length of bytes does to a checksum. */
  private readonly rest: Array<{ crc: number; shift: Uint32Array }>;
  private readonly fixedLength: number;

  /** `pieces`: the text around each place a changing string goes (one more piece than places). */
  constructor(pieces: Buffer[]) {
    this.blocks = pieces.map((piece, i) =>
      i < pieces.length - 1 ? deflateRawSync(piece, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }) : deflateRawSync(piece, { level: 6 }),
    );
    this.firstCrc = crc32(pieces[0]!);
    this.rest = pieces.slice(1).map((piece) => ({ crc: crc32(piece), shift: appendingZeros(piece.length) }));
    this.fixedLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  /** The gzip body with `between[i]` after piece i. Each must be under 64 KB. */
  with(between: Buffer[]): Buffer {
    if (between.length !== this.rest.length) throw new Error(`expected ${this.rest.length} strings to splice in, got ${between.length}`);
    let crc = this.firstCrc;
    let length = this.fixedLength;
    const out: Buffer[] = [gzipHeader, this.blocks[0]!];
    between.forEach((text, i) => {
      out.push(storedBlock(text), this.blocks[i + 1]!);
      const piece = this.rest[i]!;
      crc = combined(piece.shift, crc32(text, crc), piece.crc);
      length += text.length;
    });
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length >>> 0, 4);
    out.push(trailer);
    return Buffer.concat(out);
  }
}

/** Magic, deflate, no flags, no time, no extra flags, unknown system (RFC 1952). */
const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/** A non-final stored deflate block holding `text` (RFC 1951 §3.2.4); the stream is byte-aligned here. */
function storedBlock(text: Buffer): Buffer {
  if (text.length > 0xffff) throw new Error('a stored block holds at most 65,535 bytes');
  const block = Buffer.alloc(5 + text.length);
  block[0] = 0x00;
  block.writeUInt16LE(text.length, 1);
  block.writeUInt16LE(~text.length & 0xffff, 3);
  text.copy(block, 5);
  return block;
}

/*
 * CRC-32 arithmetic over GF(2), after zlib's crc32_combine: the checksum of A then B is the
 * checksum of A with B's length of zero bytes appended, XOR the checksum of B. Appending zeros
 * is linear, a 32 x 32 bit matrix (a row per bit), found by squaring the one-zero-bit matrix.
 */

/** The matrix applied to a 32-bit vector. */
function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let row = 0; vector !== 0; row++, vector >>>= 1) if (vector & 1) sum ^= matrix[row]!;
  return sum >>> 0;
}

/** `after` applied to what `before` gives: the matrix of doing one then the other. */
function compose(after: Uint32Array, before: Uint32Array): Uint32Array {
  return before.map((row) => times(after, row));
}

/** The matrix that appends `length` zero bytes to a CRC-32 checksum. */
function appendingZeros(length: number): Uint32Array {
  // One zero bit: the CRC-32 polynomial (reflected) in the first row, then a shift.
  let odd: Uint32Array = Uint32Array.from({ length: 32 }, (_, n) => (n === 0 ? 0xedb88320 : (1 << (n - 1)) >>> 0));
  let even = compose(odd, odd); // two zero bits
  odd = compose(even, even); // four
  let result: Uint32Array = Uint32Array.from({ length: 32 }, (_, n) => (1 << n) >>> 0);
  // Each squaring doubles the zeros, from one byte on: take those that make up `length`.
  for (let left = length; left > 0; ) {
    even = compose(odd, odd);
    if (left & 1) result = compose(even, result);
    left = Math.floor(left / 2);
    if (left === 0) break;
    odd = compose(even, even);
    if (left & 1) result = compose(odd, result);
    left = Math.floor(left / 2);
  }
  return result;
}

/** The checksum of A then B, from theirs and B's length (zlib's crc32_combine). */
export function combinedCrc(crcOfA: number, crcOfB: number, lengthOfB: number): number {
  return combined(appendingZeros(lengthOfB), crcOfA, crcOfB);
}

/** The same, with the matrix for B's length already worked out. */
function combined(appendingB: Uint32Array, crcOfA: number, crcOfB: number): number {
  return (times(appendingB, crcOfA) ^ crcOfB) >>> 0;
}
