import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** What a Location header may hold as it is: visible ASCII only, nothing Node would refuse. */
const headerSafe = /^[\x21-\x7e]*$/;

/** Characters a browser drops or reinterprets inside a URL, so `/\t/evil.example` cannot become `//evil.example`. */
const refused = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * A path on this site that is safe to redirect to, or null. Every redirect a person can
 * influence (sign-in's `next`, a form's `back`) goes through here: it must be a same-site path
 * (one leading slash, no backslash, no control characters), and anything outside visible
 * ASCII (U+2028, 日本, spaces) is percent-encoded so it can go in a header.
 */
export function safeSameSitePath(value: unknown): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || raw.length > 500) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || refused.test(raw)) return null;
  let encoded: string;
  try {
    encoded = raw.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
  } catch {
    return null; // a lone surrogate cannot be encoded
  }
  // The browser must read it as this site, whatever the path holds.
  return new URL(encoded, 'http://campgrid.invalid').host === 'campgrid.invalid' ? encoded : null;
}

/**
 * The last guard behind safeSameSitePath: a Location header that Node would refuse is made
 * safe or replaced by the home page, so no redirect ever fails as the response is written.
 */
export const safeRedirects = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', (_request, reply, payload, done) => {
      const location = reply.getHeader('location');
      if (typeof location === 'string' && !headerSafe.test(location)) reply.header('location', safeSameSitePath(location) ?? '/');
      done(null, payload);
    });
  },
  { name: 'campgrid-redirects' },
);
