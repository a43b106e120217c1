import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A gzip body made from pieces compressed once and a few short strings that change per answer
 * (a form page's CSRF token), without compressing the page again for each visitor.
 *
 * Each piece is compressed on its own and ends on a sync flush, so its deflate blocks stop on a
 * byte boundary and never refer back past it; a changing string goes between two pieces as a
 * stored (uncompressed) block; the last piece ends the stream. The checksum is run over the
 * whole text for each answer, which costs a small part of compressing it.
 */
export class SplicedGzip {
  private readonly blocks: Buffer[];
  private readonly firstCrc: number;
  private readonly rest: Buffer[];
  private readonly fixedLength: number;

  /** `pieces`: the text around each place a changing string goes (one more piece than places). */
  constructor(pieces: Buffer[]) {
    this.blocks = pieces.map((piece, i) =>
      i < pieces.length - 1 ? deflateRawSync(piece, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }) : deflateRawSync(piece, { level: 6 }),
    );
    this.firstCrc = crc32(pieces[0]!);
    this.rest = pieces.slice(1);
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
      crc = crc32(this.rest[i]!, crc32(text, crc));
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
