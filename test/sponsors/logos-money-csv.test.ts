import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/csv.ts';
import { checkLogo, solidPng } from '../../src/sponsors/logos.ts';
import { formatPence, parsePounds, penceForForm } from '../../src/sponsors/money.ts';
import { jpegOf, pngDeclaring, webpOf } from './images.ts';

describe('logo checks, by content', () => {
  it('accepts a whole PNG, JPEG or WebP and reads its pixel size', () => {
    expect(checkLogo(solidPng(200, 80, [200, 30, 30]))).toEqual({ ok: true, image: { type: 'png', width: 200, height: 80 } });
    expect(checkLogo(jpegOf(640, 480))).toEqual({ ok: true, image: { type: 'jpg', width: 640, height: 480 } });
    expect(checkLogo(webpOf(300, 100))).toEqual({ ok: true, image: { type: 'webp', width: 300, height: 100 } });
  });

  it('refuses a script, an SVG, a damaged image, an oversized file and silly sizes, each with its own message', () => {
    expect(checkLogo(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toEqual({ ok: false, message: 'The logo must be a PNG, JPEG or WebP image' });
    expect(checkLogo(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({
      ok: false,
      message: 'SVG logos are not accepted: upload a PNG, JPEG or WebP',
    });
    const png = solidPng(100, 100, [0, 0, 0]);
    expect(checkLogo(png.subarray(0, png.length - 20))).toEqual({ ok: false, message: 'The logo file is damaged or incomplete: save it again and upload the new copy' });
    const flipped = Buffer.from(png);
    flipped[40] = flipped[40]! ^ 0xff;
    expect(checkLogo(flipped).ok).toBe(false);
    expect(checkLogo(jpegOf(100, 100).subarray(0, 30))).toMatchObject({ ok: false, message: 'The logo file is damaged or incomplete: save it again and upload the new copy' });
    expect(checkLogo(png, true)).toEqual({ ok: false, message: 'The logo must be 1 MB or smaller' });
    expect(checkLogo(solidPng(10, 10, [0, 0, 0]))).toEqual({ ok: false, message: 'The logo must be at least 32 pixels wide and 32 pixels high' });
    expect(checkLogo(jpegOf(20_000, 100))).toEqual({ ok: false, message: 'The logo must be no more than 2,000 pixels wide or high' });
    expect(checkLogo(Buffer.alloc(0))).toEqual({ ok: false, message: 'The selected logo file is empty' });
  });

  it('refuses an image declaring more pixels than a logo needs, however small the file', () => {
    const huge = pngDeclaring(5000, 5000);
    expect(huge.length).toBeLessThan(1000);
    const tooBig = { ok: false, message: 'The logo must be no more than 2,000 pixels wide or high' };
    expect(checkLogo(huge)).toEqual(tooBig);
    expect(checkLogo(jpegOf(2001, 100))).toEqual(tooBig);
    expect(checkLogo(webpOf(100, 2001))).toEqual(tooBig);
    expect(checkLogo(pngDeclaring(2000, 2000))).toMatchObject({ ok: true, image: { type: 'png', width: 2000, height: 2000 } });
  });

  it('cannot be fooled by a PNG signature in front of something else', () => {
    const fake = Buffer.concat([solidPng(40, 40, [0, 0, 0]).subarray(0, 8), deflateSync(Buffer.from('<script>alert(1)</script>'))]);
    expect(checkLogo(fake).ok).toBe(false);
  });
});

describe('money', () => {
  it('reads pounds as typed, with or without commas, pence or a pound sign', () => {
    expect(parsePounds('1500')).toBe(150_000);
    expect(parsePounds('1,500.50')).toBe(150_050);
    expect(parsePounds(' £250 ')).toBe(25_000);
    expect(parsePounds('0')).toBe(0);
    for (const bad of ['', 'abc', '1,50', '15.5', '1.505', '-5', '1 500', '1e3', '12,34,567']) expect(parsePounds(bad), bad).toBeNull();
  });

  it('shows whole pounds without pence and other amounts with them', () => {
    expect(formatPence(150_000)).toBe('£1,500');
    expect(formatPence(150_050)).toBe('£1,500.50');
    expect(formatPence(5)).toBe('£0.05');
    expect(penceForForm(150_050)).toBe('1500.50');
    expect(penceForForm(150_000)).toBe('1500');
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a byte-order mark and CRLF lines, quoting where needed and defusing formulas', () => {
    expect(toCsv([['Organisation', 'Notes'], ['=HYPERLINK("http://evil")', 'a, "b"\nc'], ['+44 1632', '@SUM(A1)'], ['-1', 'Café']])).toBe(
      '\ufeffOrganisation,Notes\r\n"\'=HYPERLINK(""http://evil"")","a, ""b""\nc"\r\n\'+44 1632,\'@SUM(A1)\r\n\'-1,Café\r\n',
    );
  });
});
