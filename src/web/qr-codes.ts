import QRCode from 'qrcode';
import { rendered, type RenderCache } from './render-cache.ts';

/**
 * A QR code for `url` as inline SVG. Drawing one takes a few milliseconds and a camp prints the
 * same few again and again (its grid, its pitch cards), so they are kept in the app's one
 * bounded render cache with everything else rendered, never in a map of their own.
 */
export async function qrCodeSvg(cache: RenderCache, url: string): Promise<string> {
  const key = `qr:${url}`;
  const known = cache.peek(key);
  if (known) return known.body;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1 });
  cache.set(key, rendered(svg));
  return svg;
}
