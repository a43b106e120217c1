import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { RuleViolation } from '../rules.ts';

/** At most 1 MB: logos are shown small, and larger files are rarely what people mean to send. */
export const maxLogoBytes = 1_048_576;
export const minLogoPixels = 32;
/** A logo is shown a few hundred pixels wide: more only costs every visitor's browser memory to decode. */
export const maxLogoPixels = 2000;

export type LogoType = 'png' | 'jpg' | 'webp';
export const logoContentTypes: Record<LogoType, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export interface LogoImage {
  type: LogoType;
  width: number;
  height: number;
}

export type LogoCheck = { ok: true; image: LogoImage } | { ok: false; message: string };

/** A stored logo's file name: the SHA-256 of its bytes and its type. */
export const storedLogoPattern = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

/**
 * Reads what an uploaded file really is from its bytes (never its name or the browser's word),
 * and refuses anything but a whole PNG, JPEG or WebP of sensible pixel size. SVG is refused
 * because it can carry script.
 */
export function checkLogo(data: Buffer, truncated = false): LogoCheck {
  if (truncated || data.length > maxLogoBytes) return { ok: false, message: 'The logo must be 1 MB or smaller' };
  if (data.length === 0) return { ok: false, message: 'The selected logo file is empty' };
  const head = data.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.startsWith('<!doctype svg')) {
    return { ok: false, message: 'SVG logos are not accepted: upload a PNG, JPEG or WebP' };
  }
  let image: LogoImage | null | undefined;
  for (const read of [readPng, readJpeg, readWebp]) {
    image = read(data);
    if (image !== undefined) break;
  }
  if (image === undefined) return { ok: false, message: 'The logo must be a PNG, JPEG or WebP image' };
  if (image === null) return { ok: false, message: 'The logo file is damaged or incomplete: save it again and upload the new copy' };
  if (image.width < minLogoPixels || image.height < minLogoPixels) {
    return { ok: false, message: `The logo must be at least ${minLogoPixels} pixels wide and ${minLogoPixels} pixels high` };
  }
  if (image.width > maxLogoPixels || image.height > maxLogoPixels) {
    return { ok: false, message: `The logo must be no more than ${maxLogoPixels.toLocaleString('en-GB')} pixels wide or high` };
  }
  return { ok: true, image };
}

export interface StoredLogo extends LogoImage {
  file: string;
}

/** The folder logos live in, under the data directory. */
export const uploadsDir = (dataDir: string): string => join(dataDir, 'uploads');

/** A checked logo's file name: <sha256>.<ext>, so the same image uploaded twice is one file. */
export const logoFileName = (data: Buffer, image: LogoImage): string => `${createHash('sha256').update(data).digest('hex')}.${image.type}`;

/** Bytes the uploads folder holds now. */
export function uploadSpaceUsed(dataDir: string): number {
  const dir = uploadsDir(dataDir);
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((total, name) => total + statSync(join(dir, name)).size, 0);
}

/**
 * Stores a checked logo as <sha256>.<ext>: the name changes whenever the content does, so it
 * can be cached for ever. The folder never grows past `spaceBytes`: a public form must not be
 * able to fill the disk.
 */
export function storeLogo(dataDir: string, data: Buffer, image: LogoImage, spaceBytes = Infinity): StoredLogo {
  const file = logoFileName(data, image);
  const dir = uploadsDir(dataDir);
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (uploadSpaceUsed(dataDir) + data.length > spaceBytes) {
      throw new RuleViolation({ logoFile: 'We cannot take more logos just now. Send the form without a logo and email it to the organisers, or try again later.' });
    }
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, data);
    renameSync(partial, path);
  }
  return { file, ...image };
}

export function logoExists(dataDir: string, file: string): boolean {
  return storedLogoPattern.test(file) && existsSync(join(uploadsDir(dataDir), file));
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** undefined: not a PNG; null: a PNG that is damaged (a bad chunk checksum, no end). */
function readPng(data: Buffer): LogoImage | null | undefined {
  if (data.length < 8 || !data.subarray(0, 8).equals(pngSignature)) return undefined;
  let at = 8;
  let size: { width: number; height: number } | undefined;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > data.length) return null;
    if (crc32(data.subarray(at + 4, at + 8 + length)) !== data.readUInt32BE(at + 8 + length)) return null;
    if (at === 8) {
      if (type !== 'IHDR' || length !== 13) return null;
      size = { width: data.readUInt32BE(at + 8), height: data.readUInt32BE(at + 12) };
    }
    if (type === 'IEND') return size ? { type: 'png', ...size } : null;
    at += 12 + length;
  }
  return null;
}

/** Start-of-frame markers carry the pixel size; C4, C8 and CC are not frames. */
const sofMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpeg(data: Buffer): LogoImage | null | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8 || data[2] !== 0xff) return undefined;
  // A JPEG that was cut short has no end-of-image marker.
  const tail = data.subarray(-2048);
  if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) === -1) return null;
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > data.length) return null;
    if (sofMarkers.has(marker)) {
      if (length < 7) return null;
      return { type: 'jpg', height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + length;
  }
  return null;
}

function readWebp(data: Buffer): LogoImage | null | undefined {
  if (data.length < 12 || data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  // The RIFF header says how long the file is: shorter means it was cut off.
  if (data.readUInt32LE(4) + 8 > data.length) return null;
  if (data.length < 30) return null;
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    // Keyframe start code, then 14-bit width and height.
    if (data[23] !== 0x9d || data[24] !== 0x01 || data[25] !== 0x2a) return null;
    return { type: 'webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (data[20] !== 0x2f) return null;
    const bits = data.readUInt32LE(21);
    return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { type: 'webp', width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/** A solid-colour PNG, made in code: the demo's logos and the tests' uploads. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([pngSignature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A logo already stored (kept in a form across a re-render), checked again from its bytes. */
export function storedLogo(dataDir: string, file: string): StoredLogo | null {
  if (!logoExists(dataDir, file)) return null;
  const check = checkLogo(readFileSync(join(uploadsDir(dataDir), file)));
  return check.ok ? { file, ...check.image } : null;
}
